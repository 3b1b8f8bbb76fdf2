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
