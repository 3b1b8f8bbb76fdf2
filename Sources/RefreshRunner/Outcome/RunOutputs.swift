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
            return "cannot write the metrics to \(metricsFile): \(error)"
        }
    }

    /// Checks, before anything is read or sent, that the report and the metrics may be written where they are asked
    /// for: not through a link another user owns, not onto a device, into a directory that takes a new file, and
    /// onto none of the files the command reads or keeps (its inputs, the state database, its log, its lock).
    ///
    /// - Returns: the exit status and why, when they may not: 64 for a path that must not be written, 2 for one
    ///   that cannot be.
    package func preflight(inputs: [InputSource], stateDirectory: String?) -> (status: ExitStatus, reason: String)? {
        var destinations: [(what: String, path: String)] = []
        if case .file(let path) = report { destinations.append(("--report", path)) }
        if let metricsFile { destinations.append(("--metrics-file", metricsFile)) }
        var taken: [String: String] = [:]
        for input in inputs {
            if case .file(let path) = input { taken[OutputFile.canonical(path)] = "the input '\(path)'" }
        }
        if let stateDirectory {
            let database = StateStore.databasePath(in: stateDirectory)
            for (file, name) in [
                (database, "the state database"), (database + "-wal", "the state database's log"),
                (database + "-shm", "the state database's index"), (stateDirectory + "/lock", "the state lock"),
            ] {
                taken[OutputFile.canonical(file)] = name
            }
        }
        for (what, path) in destinations {
            let resolved: String
            switch OutputFile.resolve(path) {
            case .success(let target): resolved = target
            case .failure(let refusal): return (.usage, "\(what): \(refusal)")
            }
            let canonical = OutputFile.canonical(resolved)
            if let name = taken[canonical] {
                return (.usage, "\(what) '\(path)' is \(name); it would be overwritten: choose another path")
            }
            taken[canonical] = "the \(what) file"
            if case .failure(let failure) = OutputFile.checkWritable(resolved) {
                return (.nothingDone, "\(what): \(failure)")
            }
        }
        return nil
    }
}
