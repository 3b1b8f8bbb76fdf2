import CDNRefresh
import Foundation

/// Where a command's results go besides standard error: the report (or manifest) and the metrics file.
package struct RunOutputs: Sendable, Equatable {
    /// `--report`: a file, or standard output.
    package var report: ReportDestination
    /// `--metrics-file`: the Prometheus text file for node_exporter, or none.
    package var metricsFile: String?

    package init(report: ReportDestination = .standardOutput, metricsFile: String? = nil) {
        self.report = report
        self.metricsFile = metricsFile
    }

    /// Writes the metrics of a command that ended with `summary` and `exit`, when `--metrics-file` asks for them.
    ///
    /// - Returns: why they could not be written (not fatal: the command's work is done), or `nil`.
    func writeMetrics(_ summary: RunSummary, exit: ExitStatus, finishedAt: Date) -> String? {
        guard let metricsFile else { return nil }
        do {
            try RunMetrics.write(
                RunMetrics.exposition(summary: summary, success: exit == .success, finishedAt: finishedAt),
                to: metricsFile)
            return nil
        } catch {
            return "cannot write the metrics to \(metricsFile): \(error.reason)"
        }
    }
}
