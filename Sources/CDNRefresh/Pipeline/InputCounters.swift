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
