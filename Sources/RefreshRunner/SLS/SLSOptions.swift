import AlibabaCDN

/// How `sls:` inputs are queried (`--sls-endpoint`, `--sls-region`, `--sls-signature`, `--sls-max-urls`,
/// `--sls-sampling-rate`).
package struct SLSOptions: Sendable, Equatable {
    /// `nil`: the region's public endpoint.
    package var endpoint: String?
    package var region: String
    package var signature: SLSSignature
    /// The most URLs (groups) read from one input; SLS's own bound for a paged SQL result is 1,000,000.
    package var maxURLs: Int
    /// The share of requests real-time delivery sampled (0 < R ≤ 1): counts are divided by it.
    package var samplingRate: Double
    /// Groups per page (SLS allows at most 10,000 with an offset).
    package var pageSize = 10_000
    /// Times an `Incomplete` answer is asked again before the input counts as damaged.
    package var incompleteTries = 5
    /// The first wait before asking again, in seconds; it doubles.
    package var incompleteDelay: Double = 0.5

    package init(
        endpoint: String? = nil, region: String = "cn-hangzhou", signature: SLSSignature = .v4,
        maxURLs: Int = 1_000_000, samplingRate: Double = 1
    ) {
        self.endpoint = endpoint
        self.region = region
        self.signature = signature
        self.maxURLs = maxURLs
        self.samplingRate = samplingRate
    }

    /// The endpoint: `--sls-endpoint`, else `https://{region}.log.aliyuncs.com`.
    package var endpointText: String { endpoint ?? SLSClient.defaultEndpoint(region: region) }
}
