import CDNRefresh

/// Everything `cdn-refresh run` needs besides the API client.
package struct RunConfiguration: Sendable {
    /// Inputs, rules and the quota given on the command line (when it gives both URLs and directories, the live
    /// quota is not read).
    package var planning: PipelineConfiguration
    package var submission: SubmissionOptions
    /// The state directory; `nil` for `--no-state`.
    package var stateDirectory: String?
    /// A unique name for this run (journal keys, backlog claims).
    package var runID: String
    /// When carried-over entries leave the backlog unrefreshed.
    package var backlogLimits: BacklogLimits
    /// Whether and how refreshed URLs are checked through the CDN afterwards (`--verify`; needs `--wait`).
    package var verify: VerifyOptions?
    /// Whether and how the hottest refreshed URLs are pushed back into the caches (`--prefetch`; needs `--wait`).
    package var prefetch: PrefetchOptions?

    package init(
        planning: PipelineConfiguration, submission: SubmissionOptions = SubmissionOptions(),
        stateDirectory: String? = nil,
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
