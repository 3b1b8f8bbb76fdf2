/// One request to Simple Log Service, as its signatures see it: the verb, the resource, the query parameters, the
/// headers and the body.
package struct SLSRequest: Sendable, Equatable {
    package var method: String
    /// `/logstores/cdn-access/logs`.
    package var resource: String
    /// Query parameters (GetLogs); empty for GetLogsV2, whose parameters travel in the body.
    package var parameters: [String: String]
    /// Header names in lower case (`host`, `content-type`, `x-log-*`, `x-acs-*`, `date`, `authorization` …).
    package var headers: [String: String]
    package var body: [UInt8]

    package init(
        method: String, resource: String, parameters: [String: String] = [:], headers: [String: String] = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.resource = resource
        self.parameters = parameters
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
    }

    /// `x-log-*` and `x-acs-*` headers, the ones both signatures cover (`x-log-meta-*` excepted, as the SDKs do).
    static func isSignedExtra(_ name: String) -> Bool {
        name.hasPrefix("x-acs-") || (name.hasPrefix("x-log-") && !name.hasPrefix("x-log-meta-"))
    }
}
