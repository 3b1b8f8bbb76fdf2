/// `--prefetch`, `--reserve-prefetch`, `--prefetch-area` (DESIGN §6).
///
/// Prefetches are sent and waited for as the run's refreshes are (`--qps`, `--concurrency`, `--max-attempts`,
/// `--wait-timeout`).
package struct PrefetchOptions: Sendable, Equatable {
    /// How many refreshed URLs to push, hottest first.
    package var sample: SampleSize
    /// Prefetch quota held back (for an incident later in the day).
    package var reserve: Int
    /// `domestic` or `overseas`; `nil`: the API's default.
    package var area: String?

    /// URLs per `PushObjectCache` request (the API's limit).
    package static let batchSize = 100

    package init(sample: SampleSize, reserve: Int = 0, area: String? = nil) {
        self.sample = sample
        self.reserve = reserve
        self.area = area
    }
}
