import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner

/// `--summary text|json` and `--metrics-file PATH` (`plan`, `run`).
struct SummaryOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(help: "The summary on stderr: text, or one JSON object for monitoring (printed even with --quiet).")
    var summary: Format = .text

    @Option(
        help:
            "Write the run's metrics there in the Prometheus text format (node_exporter's textfile collector), atomically."
    )
    var metricsFile: String?

    /// Writes the metrics when `--metrics-file` asks for them; a failure to write is said on stderr, not fatal.
    func writeMetrics(_ summary: RunSummary, exit: ExitCode) {
        guard let metricsFile else { return }
        do {
            try RunMetrics.write(
                RunMetrics.exposition(summary: summary, success: exit == .success, finishedAt: Date()), to: metricsFile)
        } catch {
            StandardError.print(
                "cdn-refresh: cannot write the metrics to \(metricsFile): \(error.localizedDescription)")
        }
    }
}
