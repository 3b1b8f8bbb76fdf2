import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A hostile HTTP server for fault tests: it stands between the tool and a real upstream (the emulator), passes
/// requests on, and spoils the answers it is told to spoil — an HTML page or an empty body with status 200,
/// truncated JSON, `null`, a success without a task ID, or a body dripped a byte at a time (or never finished).
///
/// One request per connection (`Connection: close`), each on a thread of its own with blocking sockets: nothing here
/// runs on the threads that run Swift tasks.
package final class HostileServer: Sendable {
    /// How to spoil one answer.
    package enum Fault: Sendable, Equatable {
        /// Pass the upstream's answer on.
        case none
        /// Pass the request on, then close the connection without an answer (the answer is lost).
        case drop
        /// 200 with an HTML page instead (what a captive portal or a proxy's error page looks like).
        case html
        /// 200 with an empty body.
        case empty
        /// 200 with the first half of the upstream's JSON.
        case truncated
        /// 200 with `null`.
        case null
        /// 200 with the upstream's JSON without `RefreshTaskId`/`PushTaskId`.
        case noTaskID
        /// 200 with `{"Code":"InternalError"}` beside the request ID and no task ID.
        case internalErrorBeside
        /// The upstream's head, then its body one byte every `interval` seconds.
        case drip(interval: Double)
        /// The upstream's head with a body that never ends (a byte every `interval` seconds).
        case endless(interval: Double)
    }

    package let port: Int
    private let upstream: Int
    private let listener: Int32
    private let faults: Mutex<[String: [Fault]]>
    private let counts = Mutex<[String: Int]>([:])
    private let stopped = Atomic<Bool>(false)

    /// Listens on a free loopback port and passes requests on to `127.0.0.1:upstreamPort`.
    package init(upstreamPort: Int, faults: [String: [Fault]] = [:]) throws {
        let (fd, port) = try RawSocket.listen()
        self.port = port
        upstream = upstreamPort
        listener = fd
        self.faults = Mutex(faults)
        Thread.detachNewThread { self.acceptLoop() }
    }

    /// `http://127.0.0.1:PORT`.
    package var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Queues faults for the next answers to `action`, an API action such as `RefreshObjectCaches`.
    package func spoil(_ action: String, with faults: [Fault]) {
        self.faults.withLock { $0[action, default: []] += faults }
    }

    /// How many requests of `action` arrived.
    package func count(_ action: String) -> Int {
        counts.withLock { $0[action] ?? 0 }
    }

    /// Stops accepting connections (those being served finish or break).
    package func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    // MARK: - Serving

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            Thread.detachNewThread { self.serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let request = Self.readMessage(client, isRequest: true) else { return }
        let action = Self.action(of: request.head)
        counts.withLock { $0[action, default: 0] += 1 }
        let fault = faults.withLock { faults -> Fault in
            guard var queue = faults[action], !queue.isEmpty else { return .none }
            let next = queue.removeFirst()
            faults[action] = queue
            return next
        }
        guard let answer = forward(request), fault != .drop else { return }
        write(client, spoiled(answer, by: fault))
        if case .drip(let interval) = fault { drip(client, answer.body, interval: interval) }
        if case .endless(let interval) = fault {
            while !stopped.load(ordering: .relaxed), Self.send(client, [0x20]) {
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }

    /// The answer to send at once (for a drip: the head only; the body follows byte by byte).
    private func spoiled(_ answer: Message, by fault: Fault) -> [UInt8] {
        func ok(_ body: [UInt8], type: String = "application/json;charset=utf-8") -> [UInt8] {
            Array(
                "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                    .utf8) + body
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        func withoutTask(_ extra: [String: Any] = [:]) -> [UInt8] {
            var object = json.filter { $0.key != "RefreshTaskId" && $0.key != "PushTaskId" }
            for (key, value) in extra { object[key] = value }
            return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
        switch fault {
        case .none, .drop: return answer.raw
        case .html: return ok(Array("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8), type: "text/html")
        case .empty: return ok([])
        case .truncated: return ok(Array(answer.body.prefix(answer.body.count / 2)))
        case .null: return ok(Array("null".utf8))
        case .noTaskID: return ok(withoutTask())
        case .internalErrorBeside: return ok(withoutTask(["Code": "InternalError"]))
        case .drip:
            return Array(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(answer.body.count)\r\nConnection: close\r\n\r\n"
                    .utf8)
        case .endless:
            return Array(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\nConnection: close\r\n\r\n"
                    .utf8)
        }
    }

    private func drip(_ client: Int32, _ body: [UInt8], interval: Double) {
        for byte in body {
            guard !stopped.load(ordering: .relaxed), Self.send(client, [byte]) else { return }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// Passes the request on to the upstream, on a connection of its own, and reads its whole answer.
    private func forward(_ request: Message) -> Message? {
        guard let fd = RawSocket.connect(port: upstream) else { return nil }
        defer { close(fd) }
        // One request per connection, both ways.
        var head = request.head.split(separator: "\r\n", omittingEmptySubsequences: false).filter {
            !$0.lowercased().hasPrefix("connection:")
        }
        head.insert("Connection: close", at: 1)
        guard Self.send(fd, Array(head.joined(separator: "\r\n").utf8) + Array("\r\n\r\n".utf8) + request.body) else {
            return nil
        }
        return Self.readMessage(fd, isRequest: false)
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) {
        _ = Self.send(fd, bytes)
    }

    // MARK: - HTTP/1.1, as little as needed

    private struct Message {
        var head: String
        var body: [UInt8]
        var raw: [UInt8]
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        RawSocket.send(fd, bytes)
    }

    /// Reads a head and a `Content-Length` body (a request), or everything until the peer closes (an answer).
    private static func readMessage(_ fd: Int32, isRequest: Bool) -> Message? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var headEnd: Int?
        var wanted: Int?
        while true {
            if let headEnd, let wanted, data.count >= headEnd + wanted { break }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if headEnd == nil, let range = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                headEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
                wanted = length ?? (isRequest ? 0 : nil)
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: data[..<(headEnd - 4)], as: UTF8.self)
        let body = Array(data[headEnd...].prefix(wanted ?? Int.max))
        return Message(head: head, body: body, raw: data)
    }

    /// The `Action` of an API request line (`POST /?Action=RefreshObjectCaches&… HTTP/1.1`).
    private static func action(of head: String) -> String {
        let line = head.split(separator: "\r\n").first.map(String.init) ?? ""
        guard let query = line.split(separator: " ").dropFirst().first?.split(separator: "?", maxSplits: 1).last else {
            return ""
        }
        for pair in query.split(separator: "&") where pair.hasPrefix("Action=") {
            return String(pair.dropFirst("Action=".count))
        }
        return ""
    }
}
