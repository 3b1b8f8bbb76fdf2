import CDNRefresh

/// One entry of a batch and what happened to it.
package struct SubmittedEntry: Sendable {
    package var candidate: Candidate
    package var batch: Int
    package var outcome: EntryOutcome
}
