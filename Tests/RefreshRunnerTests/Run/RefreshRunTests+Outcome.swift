import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import GRDB
import TestSupport
import Testing

@testable import RefreshRunner

/// How a run ends: the report first, then the journal's record of the run with the exit status the process returns,
/// then the metrics.
extension RefreshRunTests {
    func finishing(report: String, metrics: String? = nil, duringTheRun: @escaping @Sendable () -> Void = {}) async
        -> RunOutcome
    {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let configuration = RunConfiguration(
            planning: PipelineConfiguration(
                inputs: [.file(manifest(3, prefix: "end"))], quota: QuotaRequest(urls: 10, directories: 10)),
            stateDirectory: directory.file("state"), runID: "run-end",
            outputs: RunOutputs(report: .file(report), metricsFile: metrics))
        let api = HookedAPI(api: EmulatorBackedAPI(service: service), beforeRefresh: duringTheRun)
        return await RefreshRun(configuration: configuration, api: api, logger: logger).execute()
    }

    /// The summary the journal keeps for `run-end`.
    func journaledSummary() throws -> SummaryDocument? {
        let queue = try DatabaseQueue(path: StateStore.databasePath(in: directory.file("state")))
        defer { try? queue.close() }
        let text = try queue.read { try String.fetchOne($0, sql: "SELECT summary FROM run WHERE id = 'run-end'") }
        return text.flatMap { JSONText.decode(SummaryDocument.self, from: $0) }
    }

    @Test("a report that cannot be written makes the run partial (exit 1), and the journal records exit 1")
    func journalKeepsTheRealExit() async throws {
        let reports = directory.file("reports")
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        // The report's directory is there when the run checks it, and gone when the report is written.
        let outcome = await finishing(report: reports + "/report.csv") {
            try? FileManager.default.removeItem(atPath: reports)
        }
        #expect(outcome.exit == .partial)
        #expect(outcome.notices.first?.contains("cannot create the report") == true, "\(outcome.notices)")
        #expect(try journaledSummary()?.exitCode == 1)
        #expect(try journaledSummary()?.entries["submitted"] == 3)
    }

    @Test("a run that ends well writes the report, records exit 0, and writes the metrics last")
    func cleanEnd() async throws {
        let report = directory.file("end.csv")
        let metrics = directory.file("end.prom")
        let outcome = await finishing(report: report, metrics: metrics)
        #expect(outcome.exit == .success && outcome.notices.isEmpty)
        #expect(try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").count == 4)
        #expect(try journaledSummary()?.exitCode == 0)
        #expect(try String(contentsOfFile: metrics, encoding: .utf8).contains("cdn_refresh_last_run_success 1"))
    }
}

extension RefreshRunTests {
    @Test("stopped by QuotaExceeded: the summary and metrics count the requests sent and no quota left")
    func countsWhatWasSent() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(urlQuota: 30))
        let metrics = directory.file("quota.prom")
        let configuration = RunConfiguration(
            planning: PipelineConfiguration(
                inputs: [.file(manifest(100, prefix: "q"))], quota: QuotaRequest(urls: 100, directories: 100),
                planOptions: PlannerOptions(batchSize: 10, collapse: CollapseOptions(mode: .off))),
            submission: SubmissionOptions(concurrency: 1, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01)),
            stateDirectory: directory.file("state"),
            outputs: RunOutputs(report: .file(directory.file("quota.csv")), metricsFile: metrics))
        let outcome = await RefreshRun(
            configuration: configuration, api: EmulatorBackedAPI(service: service), logger: logger
        )
        .execute()
        #expect(service.acceptedCounts().count == 30)
        #expect(outcome.summary.requests == 4)  // three accepted, one refused; the other six never left
        #expect(outcome.summary.quotaLeft?.urls == 0)
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains("cdn_refresh_requests_total 4"))
        #expect(text.contains(#"cdn_refresh_quota_remaining{type="url"} 0"#))
    }
}
