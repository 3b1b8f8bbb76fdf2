import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Blocking TCP sockets on `127.0.0.1`, for the test servers and for malformed-HTTP tests: the one place that
/// connects, listens and sends with raw system calls.
///
/// Callers run these on threads of their own, never on one that runs Swift tasks.
package enum RawSocket {
    /// Connects to `127.0.0.1:port`; the descriptor (the caller closes it), or `nil` when nothing accepts.
    ///
    /// - Parameter receiveTimeout: seconds a `recv` may wait before it gives up (none: it waits).
    package static func connect(port: Int, receiveTimeout: Int? = nil) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        if let receiveTimeout {
            var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Listens on a free loopback port: the listening descriptor (the caller closes it) and its port.
    package static func listen() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard let port = bind(fd), Glibc.listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return (fd, port)
    }

    /// A loopback port nothing listens on (just now).
    package static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        guard let port = bind(fd) else { throw POSIXError(.EADDRINUSE) }
        return port
    }

    /// Whether something accepts connections on `127.0.0.1:port`.
    package static func accepts(port: Int) -> Bool {
        guard let fd = connect(port: port) else { return false }
        close(fd)
        return true
    }

    /// Sends all of `bytes`; `false` when the peer is gone.
    @discardableResult
    package static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

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
        guard let fd = connect(port: port, receiveTimeout: timeoutSeconds) else { return nil }
        defer { close(fd) }
        send(fd, bytes)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Binds `fd` to a free loopback port and returns it.
    private static func bind(_ fd: Int32) -> Int? {
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                Glibc.bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
