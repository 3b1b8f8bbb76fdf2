import ArgumentParser
import CDNRefresh
import RefreshRunner

/// What `plan` and `run` say on standard error when they end, and the exit code they end with.
enum CommandReport {
    /// Prints the outcome's notices and its summary (text, or JSON with `--summary json`; a manifest's one line),
    /// then ends the process with the outcome's exit code unless it is 0.
    static func finish(
        _ outcome: some CommandOutcome, output: OutputOptions, format: SummaryOptions.Format,
        manifestLine: String? = nil
    ) throws {
        for notice in outcome.notices { StandardError.print("cdn-refresh: \(notice)") }
        if outcome.finished {
            if let manifestLine {
                if !output.quiet { StandardError.print(manifestLine) }
            } else {
                if let reason = outcome.summary.stopReason, output.quiet {
                    StandardError.print("cdn-refresh: stopped: \(reason)")
                }
                switch format {
                case .json: StandardError.print(outcome.summary.json(exitCode: outcome.exit.rawValue))
                case .text: if !output.quiet { StandardError.print(outcome.summary.render()) }
                }
            }
        }
        if outcome.exit != .success { throw ExitCode(outcome.exit) }
    }
}
