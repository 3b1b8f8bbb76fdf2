import AlibabaCDN
import CDNRefresh
import Foundation

/// A lost answer being settled by look-ups.
struct Reconciliation: Sendable {
    var work: WriteWork
    var error: APICallError
    var pendingLookups: Int
    /// URL → task ID of the URLs found accepted.
    var found: [String: String] = [:]
}
