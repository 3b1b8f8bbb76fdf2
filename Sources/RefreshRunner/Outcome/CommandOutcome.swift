import CDNRefresh

/// What `plan` and `run` tell the operator when they end, besides the report they wrote.
package protocol CommandOutcome: Sendable {
    /// The figures of the summary; empty when the command stopped before it had any.
    var summary: RunSummary { get }
    /// The process's exit status, as the journal recorded it.
    var exit: ExitStatus { get }
    /// Messages for standard error (damaged inputs, why the command stopped, a report that could not be written).
    var notices: [String] { get }
    /// Whether the command ran to its end, so that its summary is worth printing.
    var finished: Bool { get }
}
