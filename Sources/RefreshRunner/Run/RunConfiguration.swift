import CDNRefresh

/// Everything `cdn-refresh run` needs besides the API client.
public struct RunConfiguration: Sendable {
    /// Inputs, rules and the quota given on the command line (when it gives both URLs and directories, the live
    /// quota is not read).
    public var planning: PlanConfiguration
    public var submission: SubmissionOptions
    /// The state directory; `nil` for `--no-state`.
    public var stateDirectory: String?
    /// A unique name for this run (journal keys, backlog claims).
    public var runID: String
    /// When carried-over entries leave the backlog unrefreshed.
    public var backlogLimits: BacklogLimits
    /// Whether and how refreshed URLs are checked through the CDN afterwards (`--verify`; needs `--wait`).
    public var verify: VerifyOptions?
    /// Whether and how the hottest refreshed URLs are pushed back into the caches (`--prefetch`; needs `--wait`).
    public var prefetch: PrefetchOptions?

    public init(
        planning: PlanConfiguration, submission: SubmissionOptions = SubmissionOptions(), stateDirectory: String? = nil,
        runID: String, backlogLimits: BacklogLimits = BacklogLimits(), verify: VerifyOptions? = nil,
        prefetch: PrefetchOptions? = nil
    ) {
        self.backlogLimits = backlogLimits
        self.verify = verify
        self.prefetch = prefetch
        self.planning = planning
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

    /// The process exit code (DESIGN §2).
    public var code: Int32 {
        switch self {
        case .success: 0
        case .partial: 1
        case .nothingDone: 2
        }
    }
}

/// What a run produced.
public struct RunOutcome: Sendable {
    public var rows: [ReportRow]
    public var summary: RunSummary
    public var exit: RunExit
    /// Messages for standard error (damaged inputs, why the run stopped, hints).
    public var notices: [String]
}
