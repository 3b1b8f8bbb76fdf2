import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks a proxy for a tunnel once, to learn the status it refuses one with: the HTTP client reports only that the
/// answer was not 200 or 407, and a message that names 502 (the proxy cannot reach the host) tells an operator where
/// to look.
enum ProxyTunnelProbe {
    /// The status the proxy answers `CONNECT host:port` with; `nil` when it cannot be read within `timeout`.
    static func status(proxy: ProxyServer, host: String, port: Int, timeout: Double) async -> Int? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingStatus(proxy: proxy, host: host, port: port, timeout: timeout))
            }
        }
    }

    private static func blockingStatus(proxy: ProxyServer, host: String, port: Int, timeout: Double) -> Int? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(proxy.host, String(proxy.port), &hints, &found) == 0, let address = found else { return nil }
        defer { freeaddrinfo(found) }
        let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - timeout.rounded(.down)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else { return nil }
        let target = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
        if let user = proxy.username {
            // The same credentials the client sends; never to a proxy that rejected them (the gate stops that).
            let token = Data("\(user):\(proxy.password ?? "")".utf8).base64EncodedString()
            request += "Proxy-Authorization: Basic \(token)\r\n"
        }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        // HTTP/1.1 502 Bad Gateway
        let line = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard line.count >= 2, line[0].hasPrefix("HTTP/") else { return nil }
        return Int(line[1])
    }
}
