import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import RefreshRunner

/// Collapsed entries and the state: what leaves the backlog, what stays, and what a killed run had already done.
extension RefreshRunTests {
    /// 30 files under `https://cdn.example.com/c/`, more than the URL budget of 10 these tests give.
    var collapsible: String { manifest(30, prefix: "c") }
    var collapsedDirectory: String { "https://cdn.example.com/c/" }

    func backlog() throws -> [BacklogEntry] {
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        return try store.backlog()
    }

    @Test("an accepted collapsed directory clears the files beneath it; the directory never enters the backlog")
    func acceptedCollapse() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([collapsible], service: service, quotaURLs: 10)
        #expect(outcome.exit == .success)
        #expect(service.acceptedCounts(objectType: "directory") == [collapsedDirectory: 1])
        let covered = outcome.rows.filter { $0.status == .covered }
        #expect(!covered.isEmpty && covered.allSatisfy { $0.coveredBy == collapsedDirectory && !$0.taskID.isEmpty })
        #expect(outcome.rows.filter { $0.status == .deferred }.isEmpty)
        #expect(try backlog().isEmpty)
    }

    @Test(
        "a collapsed directory that is refused keeps its covered files in the backlog, as files; the next run sends them"
    )
    func refusedCollapse() async throws {
        // The quota given says 100 directories, but the API has none left today: the plan collapses, the call fails.
        let refusing = EmulatorService(configuration: EmulatorConfiguration(directoryQuota: 0))
        let first = try await run([collapsible], service: refusing, quotaURLs: 10)
        let covered = first.rows.filter { $0.coveredBy == collapsedDirectory }
        #expect(!covered.isEmpty && covered.allSatisfy { $0.status == .deferred })
        #expect(first.rows.contains { $0.url == collapsedDirectory && $0.status == .deferred })
        let kept = try backlog()
        #expect(kept.allSatisfy { $0.type == .file })
        #expect(Set(kept.map(\.url)) == Set(covered.map(\.url)))

        // Another day: the backlog alone is planned again (and collapses again), and this time it is accepted.
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let second = try await run([], service: service, quotaURLs: 10)
        #expect(second.exit == .success)
        let refreshed = Set(service.acceptedCounts().keys).union(
            second.rows.filter { $0.status == .covered }.map(\.url))
        #expect(Set(kept.map(\.url)).isSubset(of: refreshed))
        #expect(try backlog().isEmpty)
    }

    @Test("a killed run's accepted collapsed directory: the rerun does not send the files beneath it again")
    func killedAfterCollapse() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let input = collapsible
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.beginRun(id: "killed", at: Date())
            try store.recordSending(
                key: "killed-1", runID: "killed", kind: .refresh(.directory), urls: [collapsedDirectory], batch: 1,
                at: Date())
            // Accepted by the API, but the run died before it wrote the answer down.
            _ = try await EmulatorBackedAPI(service: service).refreshObjectCaches(
                objectPath: collapsedDirectory, objectType: .directory, force: nil)
            store.close()
        }
        let outcome = try await run([input], service: service, quotaURLs: 10)
        #expect(outcome.exit == .success)
        #expect(service.acceptedCounts(objectType: "directory") == [collapsedDirectory: 1])
        #expect(service.acceptedCounts().isEmpty)
        let earlier = outcome.rows.filter { $0.errorMessage.contains("interrupted run") }
        #expect(earlier.count == 30 && earlier.allSatisfy { $0.coveredBy == collapsedDirectory })
        #expect(try backlog().isEmpty)
    }

    @Test("a killed run's accepted directory, found by the look-up, reports the backlog files beneath it once each")
    func killedDirectoryReportsItsBacklogFiles() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let files = (0..<5).map { "\(collapsedDirectory)\($0).png" }
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.beginRun(id: "killed", at: Date())
            // The killed run had claimed the files as covered by the directory it was sending.
            try store.upsertBacklog(
                files.map {
                    BacklogEntry(
                        url: $0, type: .file, priority: nil, hits: 0, latestChange: nil, firstSeen: Date(),
                        source: "c.txt:1")
                }, claimedBy: "killed", at: Date())
            try store.recordSending(
                key: "killed-1", runID: "killed", kind: .refresh(.directory), urls: [collapsedDirectory], batch: 1,
                at: Date())
            _ = try await EmulatorBackedAPI(service: service).refreshObjectCaches(
                objectPath: collapsedDirectory, objectType: .directory, force: nil)
            store.close()
        }
        let outcome = try await run([], service: service, quotaURLs: 10)
        #expect(outcome.exit == .success)
        #expect(outcome.rows.map(\.url).sorted() == files)
        #expect(outcome.rows.allSatisfy { $0.status == .covered && $0.coveredBy == collapsedDirectory })
        #expect(outcome.rows.allSatisfy { !$0.taskID.isEmpty && $0.errorMessage.contains("interrupted run") })
        #expect(try backlog().isEmpty)
        #expect(service.acceptedCounts().isEmpty)
    }

    @Test("--force sends Force=true with Directory refreshes only; without it Force is never sent")
    func force() async throws {
        for forced in [true, false] {
            let log = RefreshLog()
            let options = SubmissionOptions(callsPerSecond: 50, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
            let service = EmulatorService(configuration: EmulatorConfiguration())
            _ = try await run(
                [manifest(30, prefix: forced ? "f" : "n"), manifest(1, prefix: "single")], service: service,
                quotaURLs: 10, refreshes: log, force: forced, options: options)
            let calls = log.entries.withLock { $0 }
            #expect(calls.contains { $0.type == .directory } && calls.contains { $0.type == .file })
            #expect(calls.allSatisfy { $0.force == (forced && $0.type != .file ? true : nil) })
        }
    }
}
