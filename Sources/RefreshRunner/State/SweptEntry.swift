import CDNRefresh
import Foundation

/// An entry that left the backlog because a Directory or IgnoreParams entry accepted in this run refreshes it.
package struct SweptEntry: Sendable, Equatable {
    package var entry: BacklogEntry
    /// The Directory or IgnoreParams URL that refreshed it.
    package var coveredBy: String
    /// The run that had claimed it (`nil`: no run had planned it).
    package var claimedBy: String?
}
