/// What reading every input produced: one digest per input, and the inputs' candidates and hits merged.
///
/// The candidates and hits are held compactly (``CandidateStore``, ``HitCounts``) until
/// ``PlanningPipeline/candidates(from:backlog:)`` turns them into the planner's values and releases them.
package struct InputReading: Sendable {
    /// Per input, in command-line order: its format, counters, unusable lines and damage.
    package var digests: [InputDigest]
    /// Every input's distinct entries, in command-line order, then order of first appearance.
    var candidates: CandidateStore
    /// Hits of every URL read in any input, by hash.
    var hits: HitCounts
    /// What was read beneath each directory; set when the hit table is released (see
    /// ``PlanningPipeline/candidates(from:backlog:)``).
    package internal(set) var reads = ReadStatistics.none

    /// The number of distinct candidates of all inputs (0 once released).
    package var candidateCount: Int { candidates.count }

    /// The (URL, type) of every candidate of the inputs (none once released): what to look up in a backlog that is
    /// not loaded whole.
    package var candidateKeys: [CandidateKey] { candidates.keys }

    /// The (URL, type) of the inputs' candidates of `types` (none once released).
    package func candidateKeys(of types: Set<EntryType>) -> [CandidateKey] { candidates.keys(of: types) }

    /// The types of the inputs' candidates (none once released).
    package var candidateTypes: Set<EntryType> { Set(candidates.records.lazy.map(\.type)) }

    /// The number of distinct URLs read in all inputs (0 once released).
    package var distinctURLsRead: Int { hits.distinctURLs }

    /// Every input's unusable lines.
    package var invalid: [InvalidLine] { digests.flatMap(\.invalid) }
}
