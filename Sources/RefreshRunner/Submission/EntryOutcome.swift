import CDNRefresh

/// What happened to one entry during submission: the report's per-URL columns.
public struct EntryOutcome: Sendable, Equatable {
    /// Where the entry ended up.
    public enum Status: Sendable, Equatable {
        /// Not decided yet (only while the run is going on).
        case pending
        case submitted
        case complete
        case failed
        case deferred

        /// The report status.
        public var reportStatus: ReportStatus {
            switch self {
            case .pending, .deferred: .deferred
            case .submitted: .submitted
            case .complete: .complete
            case .failed: .failed
            }
        }
    }

    public var status: Status = .pending
    /// RefreshObjectCaches attempts that carried this entry.
    public var attempts = 0
    public var httpStatus: Int?
    public var errorCode = ""
    public var errorMessage = ""
    public var requestID = ""
    public var taskIDs: [String] = []
    public var taskStatus = ""
    /// Whether a later run should try the entry again: it was deferred, or failed for a passing reason.
    public var carriesOver = false
    /// The last time (run clock) its task was known unfinished — accepted, or polled as not yet `Complete`: the
    /// refresh completed after it.
    public var unfinishedAt: Double?
    /// The first time (run clock) its task was seen `Complete`: the refresh had completed by then.
    public var completedBy: Double?

    public init() {}
}
