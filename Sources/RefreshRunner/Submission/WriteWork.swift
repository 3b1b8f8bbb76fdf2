import CDNRefresh
import Foundation

/// A write request: the entries of one batch (or part of one, after a split), refreshed or prefetched.
struct WriteWork: Sendable {
    var batch: Int
    /// What the request asks the API for.
    var kind: WriteKind
    /// `Force=true` (refreshes of Directory, Regex and IgnoreParams entries with `--force`).
    var force: Bool
    /// Indices into the machine's entries.
    var entries: [Int]
    /// Attempts made so far (a scheduling refusal — a per-minute limit, a full queue, throttling — is not one).
    var attempts = 0
    /// Whether it was ever sent (counted once among the requests sent, however often it is retried).
    var everSent = false
    /// Scheduling refusals so far, for the backoff after a full queue or throttling.
    var schedulingRefusals = 0
    /// The journal key of the attempt in flight.
    var key = ""
    /// When the attempt in flight was sent (wall clock, for look-ups).
    var sentAt = Date.distantPast
    /// The attempt's `ObjectPath`: the URLs joined by `"\n"`.
    var objectPath = ""
}
