import CDNRefresh

/// What happened to one entry during submission: the report's per-URL columns.
package struct EntryOutcome: Sendable, Equatable {
    /// Where the entry ended up.
    package enum Status: Sendable, Equatable {
        /// Not decided yet (only while the run is going on).
        case pending
        case submitted
        case complete
        case failed
        case deferred

        /// The report status.
        package var reportStatus: ReportStatus {
            switch self {
            case .pending, .deferred: .deferred
            case .submitted: .submitted
            case .complete: .complete
            case .failed: .failed
            }
        }
    }

    package var status: Status = .pending
    /// Write attempts (RefreshObjectCaches or PushObjectCache) that carried this entry.
    package var attempts = 0
    package var httpStatus: Int?
    package var errorCode = ""
    package var errorMessage = ""
    package var requestID = ""
    package var taskIDs: [String] = []
    package var taskStatus = ""
    /// Whether a later run should try the entry again: it was deferred, or failed for a passing reason.
    package var carriesOver = false
    /// The last time (run clock) its task was known unfinished — accepted, or polled as not yet `Complete`: the
    /// refresh completed after it.
    package var unfinishedAt: Double?
    /// The first time (run clock) its task was seen `Complete`: the refresh had completed by then.
    package var completedBy: Double?

    package init() {}
}
