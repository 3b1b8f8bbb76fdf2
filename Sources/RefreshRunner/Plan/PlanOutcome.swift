import CDNRefresh

/// What `plan` produced: the plan (its report already written where `--report` says), the summary and the exit.
package struct PlanOutcome: CommandOutcome {
    /// The plan; `nil` with `--emit manifest`, or when the command stopped before planning.
    package var plan: Plan?
    package var summary: RunSummary
    package var exit: ExitStatus
    package var notices: [String]
    package var finished = true
    /// With `--emit manifest`: the one line said instead of the summary.
    package var manifestLine: String?

    package init(
        plan: Plan?, summary: RunSummary, exit: ExitStatus, notices: [String], finished: Bool = true,
        manifestLine: String? = nil
    ) {
        self.plan = plan
        self.summary = summary
        self.exit = exit
        self.notices = notices
        self.finished = finished
        self.manifestLine = manifestLine
    }
}
