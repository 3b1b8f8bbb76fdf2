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

/// What reading one input produced besides its entries and hits: unusable lines, counters and damage.
package struct InputDigest: Sendable {
    package var input: InputSource
    /// The format the input was read in (`nil` when it had no line to sniff).
    package var format: ConcreteFormat?
    package var wasGzip: Bool
    /// The number of distinct candidates the input named (before merging with other inputs).
    package var candidateCount: Int
    package var invalid: [InvalidLine]
    package var counters: InputCounters
    /// Why the input could not be read to its end, if it could not.
    package var damage: InputError?
    /// What the reader held while reading it.
    package var reader: ReaderStatistics?
}

/// Line counts of one input, for the summary.
package struct InputCounters: Sendable, Equatable {
    /// Lines read (including blank, comment and invalid lines).
    package var lines = 0
    /// Blank lines, comments and CSV headers.
    package var skipped = 0
    /// Lines that named a refresh candidate.
    package var candidateLines = 0
    /// Log records that counted as a hit.
    package var hitLines = 0
    /// Log records that were neither (other methods, statuses or times).
    package var ignored = 0
    /// Lines that became `invalid` rows.
    package var invalid = 0

    package init() {}

    package mutating func add(_ other: InputCounters) {
        lines += other.lines
        skipped += other.skipped
        candidateLines += other.candidateLines
        hitLines += other.hitLines
        ignored += other.ignored
        invalid += other.invalid
    }
}
