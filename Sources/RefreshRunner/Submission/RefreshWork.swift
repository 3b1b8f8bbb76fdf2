import AlibabaCDN
import CDNRefresh
import Foundation

/// A refresh request: entries of one type from one batch (or part of one, after a split).
struct RefreshWork: Sendable {
    var batch: Int
    var type: EntryType
    /// Indices into the machine's entries.
    var entries: [Int]
    /// Attempts made so far.
    var attempts = 0
    /// The journal key of the attempt in flight.
    var key = ""
    /// When the attempt in flight was sent (wall clock, for look-ups).
    var sentAt = Date.distantPast
    /// The attempt's `ObjectPath`: the URLs joined by `"\n"`.
    var objectPath = ""
}
