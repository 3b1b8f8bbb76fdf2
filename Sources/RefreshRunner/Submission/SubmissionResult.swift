import AlibabaCDN
import CDNRefresh

/// What a submission did to every entry.
package struct SubmissionResult: Sendable {
    /// Every entry of the batches, in batch order, with its outcome.
    package var entries: [SubmittedEntry]
    /// Requests sent at least once (including those created by splitting; not those a stop left unsent).
    package var requests: Int
    /// Write attempts started.
    package var attempts: Int
    /// Attempts started again after a failure.
    package var retries: Int
    /// The refusal that stopped the submission, if one did.
    package var stopError: APICallError?
    /// Kinds of write whose daily quota ran out during the submission.
    package var stoppedKinds: Set<WriteKind>
    /// Why it stopped sending although the API refused nothing (the journal could not be written).
    package var halted: String? = nil
    /// How per-domain limits held it back.
    package var pacing = PacingReport()

    /// The entry types whose daily refresh quota ran out.
    package var stoppedTypes: [EntryType] { stoppedKinds.compactMap(\.refreshType).sorted() }

    /// How many entries of each type the API accepted: the quota they spent.
    package var accepted: RefreshQuota {
        var spent = RefreshQuota(urls: 0, directories: 0, regex: 0, ignoreParams: 0)
        for entry in entries where !entry.outcome.taskIDs.isEmpty { spent[entry.candidate.type] += 1 }
        return spent
    }
}
