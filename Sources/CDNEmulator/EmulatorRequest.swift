/// An HTTP request as the emulator sees it, independent of the server framework.
public struct EmulatorRequest: Sendable {
    public var method: String
    /// The path, `/` for the RPC endpoint.
    public var path: String
    /// The raw (percent-encoded) query string, without `?`.
    public var query: String
    /// Header names as received; `host` included.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// What the emulator does with a request.
public struct EmulatorOutcome: Sendable {
    /// Answer, or close the connection without one (an injected drop).
    public enum Action: Sendable {
        case respond(EmulatorReply)
        case drop
    }

    public var action: Action
    /// How long to wait before acting (`--latency-ms`).
    public var delayMilliseconds: Int
}

/// An HTTP answer.
public struct EmulatorReply: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
