import CDNRefresh
import Foundation

/// A URL an earlier run had accepted, and whether that run was interrupted (killed before it finished).
package struct EarlierAcceptance: Sendable, Equatable {
    package var url: String
    package var type: EntryType
    package var acceptedAt: Date
    package var requestID: String
    /// The task of the URL's domain when the answer named one per domain, else every task of the request.
    package var taskIDs: [String]
    package var runID: String
    /// The run was interrupted and not yet taken over by a finished run.
    package var interrupted = false
}
