import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sends raw bytes to a TCP port and reads what comes back, for malformed-HTTP tests.
package enum RawSocket {
    /// Connects to `127.0.0.1:port`, writes `bytes`, and reads until the peer closes or `timeoutSeconds` pass.
    ///
    /// The blocking socket calls run on a thread of their own, never on one that runs Swift tasks.
    package static func exchange(port: Int, bytes: [UInt8], timeoutSeconds: Int = 3) async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: blockingExchange(port: port, bytes: bytes, timeoutSeconds: timeoutSeconds))
            }
        }
    }

    private static func blockingExchange(port: Int, bytes: [UInt8], timeoutSeconds: Int) -> [UInt8]? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }
}
