/// Where a submission stands, for a progress bar.
package struct SubmissionProgress: Sendable {
    package var requestsDone: Int
    package var requestsTotal: Int
    package var urlsAccepted: Int
    package var urlsTotal: Int
    /// Write attempts started so far.
    package var attempts: Int
    package var elapsedSeconds: Double
    /// Whether the run is polling task status (`--wait`).
    package var waiting: Bool
    /// The domain whose per-minute window holds every request back, and the seconds until it has room.
    package var pacing: (domain: String, seconds: Double)?

    /// Attempts started per second so far (over at least one second, so a first burst of two calls does not read
    /// as a rate above the limit).
    package var callsPerSecond: Double {
        Double(attempts) / max(elapsedSeconds, 1)
    }
}
