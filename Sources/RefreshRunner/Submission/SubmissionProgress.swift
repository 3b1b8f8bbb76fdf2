/// Where a submission stands, for a progress bar.
public struct SubmissionProgress: Sendable, Equatable {
    public var requestsDone: Int
    public var requestsTotal: Int
    public var urlsAccepted: Int
    public var urlsTotal: Int
    /// RefreshObjectCaches attempts started so far.
    public var attempts: Int
    public var elapsedSeconds: Double
    /// Whether the run is polling task status (`--wait`).
    public var waiting: Bool

    /// Attempts started per second so far (over at least one second, so a first burst of two calls does not read
    /// as a rate above the limit).
    public var callsPerSecond: Double {
        Double(attempts) / max(elapsedSeconds, 1)
    }
}
