import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A proxy that refuses every request with one status line (407 to credentials, 502 or 503 to a tunnel), and counts
/// what it was asked: tests of a proxy in the way that never reach a real host.
///
/// Each connection on a thread of its own with blocking sockets: nothing here runs on the threads of Swift tasks.
package final class RefusingProxy: Sendable {
    package let port: Int
    private let listener: Int32
    private let statusLine: String
    private let requests = Mutex<[String]>([])
    private let stopped = Atomic<Bool>(false)

    /// Listens on a free loopback port; every request gets `status` (`407 Proxy Authentication Required`).
    package init(status: String) throws {
        let (fd, port) = try RawSocket.listen()
        self.port = port
        listener = fd
        statusLine = "HTTP/1.1 \(status)\r\n"
        Thread.detachNewThread { self.acceptLoop() }
    }

    /// The heads of the requests it was sent, in the order they came.
    package var heads: [String] { requests.withLock { $0 } }

    /// Stops listening.
    package func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread.detachNewThread { self.serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: head, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            head += buffer[0..<count]
        }
        requests.withLock { $0.append(String(decoding: head, as: UTF8.self)) }
        let answer = Array(
            (statusLine + "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .utf8)
        RawSocket.send(connection, answer)
    }
}
