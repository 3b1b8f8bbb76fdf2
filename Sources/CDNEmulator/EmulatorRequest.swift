/// An HTTP request as the emulator sees it, independent of the server framework.
package struct EmulatorRequest: Sendable {
    package var method: String
    /// The path, `/` for the RPC endpoint.
    package var path: String
    /// The raw (percent-encoded) query string, without `?`.
    package var query: String
    /// Header names as received; `host` included.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// What the emulator does with a request.
package struct EmulatorOutcome: Sendable {
    /// Answer, or close the connection without one (an injected drop).
    package enum Action: Sendable {
        case respond(EmulatorReply)
        case drop
    }

    package var action: Action
    /// How long to wait before acting (`--latency-ms`).
    package var delayMilliseconds: Int
}

/// An HTTP answer.
package struct EmulatorReply: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
