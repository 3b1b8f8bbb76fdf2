import AlibabaCDN
import CDNRefresh
import Dispatch
import Foundation
import Logging

/// What a submission did to every entry.
package struct SubmissionResult: Sendable {
    /// Every entry of the batches, in batch order, with its outcome.
    package var entries: [SubmittedEntry]
    /// Refresh requests, including those created by splitting.
    package var requests: Int
    /// RefreshObjectCaches attempts started.
    package var attempts: Int
    /// Attempts started again after a failure.
    package var retries: Int
    /// The refusal that stopped the run, if one did.
    package var stopError: APICallError?
    /// Types whose quota ran out during the run.
    package var stoppedTypes: Set<EntryType>
}
