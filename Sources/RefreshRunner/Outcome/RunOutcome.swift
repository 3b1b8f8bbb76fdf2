import CDNRefresh

/// What `run` produced: every report row (already written where `--report` says), the summary and the exit.
package struct RunOutcome: CommandOutcome {
    package var rows: [ReportRow]
    package var summary: RunSummary
    package var exit: ExitStatus
    package var notices: [String]
    package var finished = true

    package init(rows: [ReportRow], summary: RunSummary, exit: ExitStatus, notices: [String], finished: Bool = true) {
        self.rows = rows
        self.summary = summary
        self.exit = exit
        self.notices = notices
        self.finished = finished
    }
}
