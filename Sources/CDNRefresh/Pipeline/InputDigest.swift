/// What reading one input produced: its distinct entries, hit counts, unusable lines and counters.
public struct InputDigest: Sendable {
    public var input: InputSource
    /// The format the input was read in (`nil` when it had no line to sniff).
    public var format: ConcreteFormat?
    public var wasGzip: Bool
    /// Distinct candidates in order of first appearance.
    public var candidates: [Candidate]
    /// Hits per canonical URL.
    public var hits: [String: Int]
    public var invalid: [InvalidLine]
    public var counters: InputCounters
    /// Why the input could not be read to its end, if it could not.
    public var damage: InputError?
}

/// Line counts of one input, for the summary.
public struct InputCounters: Sendable, Equatable {
    /// Lines read (including blank, comment and invalid lines).
    public var lines = 0
    /// Blank lines, comments and CSV headers.
    public var skipped = 0
    /// Lines that named a refresh candidate.
    public var candidateLines = 0
    /// Log records that counted as a hit.
    public var hitLines = 0
    /// Log records that were neither (other methods, statuses or times).
    public var ignored = 0
    /// Lines that became `invalid` rows.
    public var invalid = 0

    public init() {}

    public mutating func add(_ other: InputCounters) {
        lines += other.lines
        skipped += other.skipped
        candidateLines += other.candidateLines
        hitLines += other.hitLines
        ignored += other.ignored
        invalid += other.invalid
    }
}
