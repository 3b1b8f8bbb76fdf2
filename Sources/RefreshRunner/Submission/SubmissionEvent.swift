import CDNRefresh
import Foundation

/// A change the journal must record, in the order the submission made it.
package enum SubmissionEvent: Sendable, Equatable {
    /// A request is about to go out.
    case sending(key: String, kind: WriteKind, urls: [String], batch: Int, at: Date)
    /// The API accepted the request.
    case accepted(key: String, kind: WriteKind, urls: [String], requestID: String, taskIDs: [String])
    /// The API refused the request (or it was given up): nothing of it was accepted.
    case rejected(key: String, code: String)
    /// The answer was lost: the request may or may not have been accepted; a look-up follows.
    case unknown(key: String)
    /// A look-up settled a lost answer: `found` URLs were accepted (with their task IDs), the rest were not.
    case reconciled(key: String, kind: WriteKind, found: [String: String])
    /// Entries left for a later run (deferred, or failed for a passing reason).
    case carriedOver(urls: [String], kind: WriteKind)
    /// Entries that were given up for good (a final error).
    case abandoned(urls: [String], kind: WriteKind)
}
