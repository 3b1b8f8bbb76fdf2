import CDNRefresh

/// What a run produced.
package struct RunOutcome: Sendable {
    package var rows: [ReportRow]
    package var summary: RunSummary
    package var exit: RunExit
    /// Messages for standard error (damaged inputs, why the run stopped, hints).
    package var notices: [String]
}
