import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

/// `--verify-resubmit` goes the way the plan's refreshes go: the one packer, the journal, the quota count.
extension RefreshRunTests {
    /// Runs `urls` (all served stale after their refresh) with `--verify all --verify-resubmit`.
    func resubmitting(_ urls: [String], quotaURLs: Int, service: EmulatorService) async throws -> RunOutcome {
        let stale = EdgeAnswer(status: 200, age: 100_000, xCache: "HIT")
        let probe = TableProbe(Dictionary(uniqueKeysWithValues: urls.map { ($0, stale) }))
        let path = directory.write("stale-\(urls.count)-\(quotaURLs).txt", text: urls.joined(separator: "\n"))
        let configuration = RunConfiguration(
            planning: PipelineConfiguration(
                inputs: [.file(path)], quota: QuotaRequest(urls: quotaURLs, directories: 100),
                planOptions: PlannerOptions(collapse: CollapseOptions(mode: .off))),
            submission: SubmissionOptions(
                callsPerSecond: 50, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01), pollIntervalSeconds: 0.05),
            stateDirectory: directory.file("state"), runID: "run-\(UUID().uuidString)",
            verify: VerifyOptions(sample: .all, resubmit: true),
            outputs: RunOutputs(report: .file(directory.file("resubmit-\(UUID().uuidString).csv"))))
        return await RefreshRun(
            configuration: configuration, api: EmulatorBackedAPI(service: service), logger: logger, edgeProbe: probe
        ).execute()
    }

    @Test("resubmitted stale URLs are packed by host:port, journaled and counted in the quota left")
    func resubmissionOnePath() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(completeAfterSeconds: 0))
        // Twelve domains as the API counts them (host:port): more than one request may name.
        let urls = (1...12).map { "https://a.example.com:\(8000 + $0)/x.png" }
        let outcome = try await resubmitting(urls, quotaURLs: 100, service: service)
        #expect(outcome.exit == .partial)  // stale URLs
        #expect(service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 2) }))
        #expect(outcome.summary.requests == 4)  // 2 for the plan, 2 for the resubmission (10 + 2 domains)
        #expect(outcome.summary.quotaLeft?.urls == 100 - 24)
        #expect(
            outcome.rows.allSatisfy { $0.errorMessage.contains("; resubmitted as a File refresh (task ") },
            "\(outcome.rows.map(\.errorMessage))")
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        #expect(try store.history(days: 1, now: Date()).last?.urls == 24)
        #expect(try store.pendingRequests().isEmpty && store.backlogCount() == 0)
    }

    @Test("stale URLs the URL quota left cannot take are not resubmitted: they wait in the backlog")
    func resubmissionWithinTheQuota() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(completeAfterSeconds: 0))
        let urls = (0..<4).map { "https://cdn.example.com/q/\($0).png" }
        let outcome = try await resubmitting(urls, quotaURLs: 5, service: service)
        #expect(service.acceptedCounts().values.reduce(0, +) == 5)
        #expect(outcome.summary.quotaLeft?.urls == 0)
        let waiting = outcome.rows.filter { $0.errorMessage.contains("not resubmitted: the URL quota left today") }
        #expect(waiting.count == 3)
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        #expect(try Set(store.backlog().map(\.url)) == Set(waiting.map(\.url)))
    }
}
