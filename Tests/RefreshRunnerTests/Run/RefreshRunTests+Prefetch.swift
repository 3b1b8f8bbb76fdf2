import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

/// Prefetches go the way every write goes: a killed run neither loses nor repeats one.
extension RefreshRunTests {
    var prefetchAll: PrefetchOptions { PrefetchOptions(sample: .all) }

    func prefetchRows() throws -> [WantedPrefetch] {
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        return try store.wantedPrefetches()
    }

    @Test("a prefetch a killed run sent is looked up and not pushed again; one it only meant is pushed")
    func killedPrefetches() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let sent = "https://cdn.example.com/p/sent.png"
        let meant = "https://cdn.example.com/p/meant.png"
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.beginRun(id: "killed", at: Date())
            try store.wantPrefetch([sent, meant], runID: "killed", at: Date())
            try store.recordSending(
                key: "killed-prefetch-1", runID: "killed", kind: .prefetch, urls: [sent], batch: 1, at: Date())
            // The API accepted it; the run died before writing the answer down.
            _ = try await EmulatorBackedAPI(service: service).pushObjectCache(objectPath: sent, area: nil)
            store.close()
        }
        let outcome = try await run([], service: service, quotaURLs: 10, prefetch: prefetchAll)
        #expect(service.acceptedCounts(objectType: "preload") == [sent: 1, meant: 1])
        #expect(outcome.notices.contains { $0.contains("prefetched 1 URLs an interrupted run had meant to") })
        #expect(try prefetchRows().isEmpty)
    }

    @Test("a prefetch meant for a URL whose refresh still waits in the backlog waits with it")
    func wantedWaitsForItsRefresh() async throws {
        _ = try await deferAll(1, prefix: "later")
        let url = "https://cdn.example.com/later/0.png"
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.wantPrefetch([url], runID: "killed", at: Date())
            store.close()
        }
        let service = EmulatorService(configuration: EmulatorConfiguration())
        _ = try await run([], service: service, quotaURLs: 0, collapse: .off, prefetch: prefetchAll)
        #expect(service.acceptedCounts(objectType: "preload").isEmpty)
        #expect(try prefetchRows().map(\.url) == [url])
    }
}

extension RefreshRunTests {
    @Test("a push whose answer is lost is looked up, as a refresh is, and never pushed twice")
    func lostPushAnswers() async throws {
        let service = EmulatorService(
            configuration: EmulatorConfiguration(dropRate: 0.4, completeAfterSeconds: 0, seed: 11))
        let path = manifest(150, prefix: "lost")
        let outcome = try await run(
            [path], service: service, quotaURLs: 1000, prefetch: prefetchAll,
            options: SubmissionOptions(
                callsPerSecond: 50, retry: RetryPolicy(maxAttempts: 20, baseDelay: 0.01), pollIntervalSeconds: 0.05))
        let pushed = service.acceptedCounts(objectType: "preload")
        #expect(pushed.count == 150 && pushed.values.allSatisfy { $0 == 1 }, "\(pushed.values.sorted().suffix(5))")
        #expect(outcome.rows.allSatisfy { $0.prefetch == "complete" }, "\(outcome.notices)")
        #expect(try prefetchRows().isEmpty)
    }
}
