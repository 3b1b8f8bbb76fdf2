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

    /// Attempts started per second so far.
    public var callsPerSecond: Double {
        elapsedSeconds > 0 ? Double(attempts) / elapsedSeconds : 0
    }
}
