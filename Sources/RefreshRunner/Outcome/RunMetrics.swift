import CDNRefresh
import Foundation
import Prometheus

/// A run's figures in the Prometheus text format, for node_exporter's textfile collector (`--metrics-file`,
/// DESIGN §9).
///
/// The same figures as the summary, so the metrics and the report agree. A run that stopped early still has
/// metrics: `cdn_refresh_last_run_success 0` and whatever it had counted.
package enum RunMetrics {
    /// The exposition text of a run that ended with `summary` at `finishedAt`; `success` is exit code 0.
    package static func exposition(summary: RunSummary, success: Bool, finishedAt: Date) -> String {
        let registry = PrometheusCollectorRegistry()
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "cdn_refresh", metricName: metric, unitName: unit, helpText: help)
        }
        let entries = name("entries", "", "Report rows of the last run, by status.")
        for status in ReportStatus.allCases {
            registry.makeGauge(descriptor: entries, labels: [("status", status.rawValue)])
                .set(to: Double(summary.statusCounts[status] ?? 0))
        }
        registry.makeCounter(descriptor: name("requests", "total", "Refresh requests sent by the last run."))
            .increment(by: Int64(summary.requests))
        registry.makeCounter(
            descriptor: name("retries", "total", "API calls the last run repeated after a retryable failure.")
        ).increment(by: Int64(summary.retries))
        if let left = summary.quotaLeft {
            let quota = name("quota", "remaining", "Daily refresh quota left after the last run, by type.")
            for (type, value) in [
                ("url", left.urls), ("directory", left.directories), ("regex", left.regex),
                ("ignoreparams", left.ignoreParams),
            ] {
                registry.makeGauge(descriptor: quota, labels: [("type", type)]).set(to: Double(value))
            }
        }
        if let backlog = summary.backlogSize {
            registry.makeGauge(descriptor: name("backlog", "entries", "Entries waiting in the backlog."))
                .set(to: Double(backlog))
        }
        registry.makeGauge(
            descriptor: name("pacing_wait", "seconds", "Seconds the last run waited on per-domain limits.")
        ).set(to: ((summary.pacing?.waitSeconds ?? 0) * 1000).rounded() / 1000)
        registry.makeGauge(
            descriptor: name("pacing_deferred", "", "URLs the last run deferred because --pace-timeout ran out.")
        ).set(to: Double(summary.pacingDeferred))
        let refusals = name(
            "refusals", "total", "Scheduling refusals (per-minute limits, full queues, throttling) by code.")
        for (code, count) in (summary.pacing?.refusals ?? [:]).sorted(by: { $0.key < $1.key }) {
            registry.makeCounter(descriptor: refusals, labels: [("code", code)]).increment(by: Int64(count))
        }
        registry.makeGauge(
            descriptor: name("last_run_timestamp", "seconds", "When the last run ended (Unix time).")
        ).set(to: finishedAt.timeIntervalSince1970.rounded())
        registry.makeGauge(descriptor: name("last_run", "success", "1 when the last run exited 0, else 0."))
            .set(to: success ? 1 : 0)
        registry.makeGauge(descriptor: name("run_duration", "seconds", "How long the last run took."))
            .set(to: (summary.elapsedSeconds * 1000).rounded() / 1000)
        return registry.emitToString()
    }

    /// Writes `text` to `path` atomically (``AtomicFile``), readable by the collector (mode 0644), where
    /// ``OutputFile`` allows it.
    package static func write(_ text: String, to path: String) throws(MetricsWriteError) {
        let resolved: String
        switch OutputFile.resolve(path) {
        case .success(let target): resolved = target
        case .failure(let refusal): throw .refused(refusal)
        }
        do {
            try AtomicFile.replace(resolved, mode: 0o644) { fd throws(FileWriteFailure) in
                try AtomicFile.writeAll(Array(text.utf8), to: fd)
            }
        } catch {
            throw .failed(error)
        }
    }
}

/// Why the metrics could not be written.
package enum MetricsWriteError: Error, Sendable, CustomStringConvertible {
    case refused(OutputFileError)
    case failed(FileWriteFailure)

    package var description: String {
        switch self {
        case .refused(let error): "\(error)"
        case .failed(let failure): failure.reason
        }
    }
}
