import CDNRefresh
import Foundation

/// A URL an interrupted run had accepted.
package struct EarlierAcceptance: Sendable, Equatable {
    package var url: String
    package var type: EntryType
    package var acceptedAt: Date
    package var requestID: String
    package var taskIDs: [String]
    package var runID: String
}
