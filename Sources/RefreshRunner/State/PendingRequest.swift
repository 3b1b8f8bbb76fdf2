import CDNRefresh
import Foundation

/// A request the journal shows as `sending`: its answer never arrived (a killed run, a lost connection).
package struct PendingRequest: Sendable, Equatable {
    package var key: String
    package var runID: String
    package var type: EntryType
    package var urls: [String]
    package var sentAt: Date
}
