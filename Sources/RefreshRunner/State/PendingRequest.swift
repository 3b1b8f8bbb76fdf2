import CDNRefresh
import Foundation

/// A request the journal shows as `sending`: its answer never arrived (a killed run, a lost connection).
package struct PendingRequest: Sendable, Equatable {
    package var key: String
    package var runID: String
    /// A refresh of one entry type, or a prefetch.
    package var kind: WriteKind
    package var urls: [String]
    package var sentAt: Date
}
