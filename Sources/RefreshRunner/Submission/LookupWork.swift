import AlibabaCDN
import CDNRefresh
import Foundation

/// One look-up page.
struct LookupWork: Sendable {
    var reconciliation: Int
    var filter: RefreshTasksFilter
    var attempts = 0
}
