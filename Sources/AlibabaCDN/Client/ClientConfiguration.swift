import Foundation

/// Where and how the client talks to the API.
package struct ClientConfiguration: Sendable, Equatable {
    /// The default endpoint (China regions).
    package static let defaultEndpoint = "https://cdn.aliyuncs.com"

    /// The API endpoint, `scheme://host[:port]` (validated by ``Endpoint/parse(_:)``).
    package var endpoint: URL
    /// Time allowed for one request, connect to last byte.
    package var timeoutSeconds: Double
    /// Connections kept per host (the run's `--concurrency`).
    package var maxConnections: Int
    /// Response bodies larger than this are refused.
    package var maxResponseBytes: Int
    package var userAgent: String
    /// The proxy and the trust roots.
    package var network: NetworkSettings

    package init(
        endpoint: URL, timeoutSeconds: Double = 30, maxConnections: Int = 8, maxResponseBytes: Int = 8 << 20,
        userAgent: String = "cdn-refresh/0.1.0", network: NetworkSettings = .direct
    ) {
        self.network = network
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
        self.maxConnections = maxConnections
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}
