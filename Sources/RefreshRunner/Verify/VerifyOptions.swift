/// `--verify`, `--verify-origin`, `--verify-resubmit` (DESIGN §6).
package struct VerifyOptions: Sendable, Equatable {
    package var sample: SampleSize
    /// The origin's base URL, to compare validators with.
    package var origin: String?
    /// Refresh stale URLs once more, as Files.
    package var resubmit: Bool
    /// Probes at once (`--concurrency`).
    package var concurrency: Int

    package init(sample: SampleSize, origin: String? = nil, resubmit: Bool = false, concurrency: Int = 8) {
        self.sample = sample
        self.origin = origin
        self.resubmit = resubmit
        self.concurrency = concurrency
    }
}
