import CDNRefresh

/// What `run` produced: every report row (already written where `--report` says), the summary and the exit.
package struct RunOutcome: CommandOutcome {
    package var rows: [ReportRow]
    package var summary: RunSummary
    package var exit: ExitStatus
    package var notices: [String]
    package var finished = true
    /// Whether the run stopped sending because its journal could not be written: the journal keeps it as an
    /// interrupted run, so rerunning its input does not send again what it had accepted.
    package var halted = false

    package init(rows: [ReportRow], summary: RunSummary, exit: ExitStatus, notices: [String], finished: Bool = true) {
        self.rows = rows
        self.summary = summary
        self.exit = exit
        self.notices = notices
        self.finished = finished
    }
}
