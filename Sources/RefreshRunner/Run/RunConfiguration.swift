import CDNRefresh

/// Everything `cdn-refresh run` needs besides the API client.
public struct RunConfiguration: Sendable {
    public var planning: PlanConfiguration
    /// `--quota-urls` / `--quota-dirs`: when both are given the live quota is not read.
    public var quotaURLs: Int?
    public var quotaDirectories: Int?
    public var submission: SubmissionOptions
    /// The state directory; `nil` for `--no-state`.
    public var stateDirectory: String?
    /// A unique name for this run (journal keys, backlog claims).
    public var runID: String

    public init(
        planning: PlanConfiguration, quotaURLs: Int? = nil, quotaDirectories: Int? = nil,
        submission: SubmissionOptions = SubmissionOptions(), stateDirectory: String? = nil, runID: String
    ) {
        self.planning = planning
        self.quotaURLs = quotaURLs
        self.quotaDirectories = quotaDirectories
        self.submission = submission
        self.stateDirectory = stateDirectory
        self.runID = runID
    }
}

/// How a run ended, for the exit code.
public enum RunExit: Sendable, Equatable {
    /// Every selected entry was submitted (deferrals are not failures).
    case success
    /// Some entries failed or are invalid, or an input was not read to its end.
    case partial
    /// Nothing was done: no quota, credentials refused.
    case nothingDone
}

/// What a run produced.
public struct RunOutcome: Sendable {
    public var rows: [ReportRow]
    public var summary: RunSummary
    public var exit: RunExit
    /// Messages for standard error (damaged inputs, why the run stopped, hints).
    public var notices: [String]
}
