/// `--prefetch`, `--reserve-prefetch`, `--prefetch-area` (DESIGN §6).
package struct PrefetchOptions: Sendable, Equatable {
    /// How many refreshed URLs to push, hottest first.
    package var sample: SampleSize
    /// Prefetch quota held back (for an incident later in the day).
    package var reserve: Int
    /// `domestic` or `overseas`; `nil`: the API's default.
    package var area: String?
    /// Whether to wait for the prefetch tasks (`--wait`, with its timeout and poll interval).
    package var wait: Bool
    package var waitTimeoutSeconds: Double
    package var pollIntervalSeconds: Double

    /// URLs per `PushObjectCache` request (the API's limit).
    package static let batchSize = 100

    package init(
        sample: SampleSize, reserve: Int = 0, area: String? = nil, wait: Bool = true, waitTimeoutSeconds: Double = 900,
        pollIntervalSeconds: Double = 5
    ) {
        self.sample = sample
        self.reserve = reserve
        self.area = area
        self.wait = wait
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }
}
