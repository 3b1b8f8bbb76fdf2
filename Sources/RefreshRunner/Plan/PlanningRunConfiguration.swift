import CDNRefresh

/// Everything `cdn-refresh plan` needs.
package struct PlanningRunConfiguration: Sendable {
    /// What to emit instead of the report.
    package enum Emit: String, Sendable, CaseIterable {
        /// Every merged candidate as the mergeable CSV manifest (DESIGN §3), for a central run.
        case manifest
    }

    /// Inputs, rules and the quota given on the command line (`plan` never reads the live quota).
    package var planning: PipelineConfiguration
    /// The state directory whose backlog is planned with (read only; nothing is created); `nil` for `--no-state`.
    package var stateDirectory: String?
    /// When carried-over entries leave the backlog unrefreshed: `plan` says which the next run lets go.
    package var backlogLimits: BacklogLimits
    /// Where the report (or the manifest) and the metrics go.
    package var outputs: RunOutputs
    /// `--emit manifest`, or `nil` for the report.
    package var emit: Emit?

    package init(
        planning: PipelineConfiguration, stateDirectory: String? = nil, backlogLimits: BacklogLimits = BacklogLimits(),
        outputs: RunOutputs = RunOutputs(), emit: Emit? = nil
    ) {
        self.planning = planning
        self.stateDirectory = stateDirectory
        self.backlogLimits = backlogLimits
        self.outputs = outputs
        self.emit = emit
    }
}
