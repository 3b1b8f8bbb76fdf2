/// An HTTP answer.
package struct EmulatorReply: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: [UInt8]
    /// Close the connection after this many bytes of the body (a download cut off part-way).
    package var cutAfter: Int?
    /// Stop sending after this many bytes of the body and keep the connection open (a stalled download).
    package var stallAfter: Int?
    /// Send the body one byte every so many seconds (a server that drips).
    package var trickleEvery: Double?

    package init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
