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
