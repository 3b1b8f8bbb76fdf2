import CDNRefresh
import Foundation
import GRDB
import TestSupport
import Testing

@testable import RefreshRunner

/// A state written by an older build still reads: its unanswered prefetches join the journal, its run summaries
/// feed `history`.
@Suite("State written by an older build")
struct StateStoreMigrationTests {
    let directory = TemporaryDirectory()

    /// A database as the build before prefetches were journaled left it (schema v4).
    func olderState(_ fill: (Database) throws -> Void) throws -> String {
        let state = directory.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: StateStore.databasePath(in: state))
        try StateStore.migrator.migrate(queue, upTo: "v4: prefetch journal, run summaries")
        try queue.write(fill)
        try queue.close()
        return state
    }

    @Test("a push an older build left sending becomes a journal request, settled like any other")
    func prefetchesJoinTheJournal() throws {
        let state = try olderState { db in
            for (url, status, sent) in [("https://a.com/1", "sending", 100.0), ("https://a.com/2", "sending", 100.0)]
                + [("https://a.com/3", "wanted", 0.0)]
            {
                try db.execute(
                    sql: "INSERT INTO prefetch (url, status, run_id, sent_at, updated_at) VALUES (?, ?, 'old', ?, 1)",
                    arguments: [url, status, status == "sending" ? sent : nil])
            }
        }
        let store = try StateStore(directory: state, exclusive: true)
        defer { store.close() }
        let pending = try store.pendingRequests()
        #expect(pending.count == 1)
        #expect(pending.first?.kind == .prefetch && pending.first?.urls == ["https://a.com/1", "https://a.com/2"])
        #expect(pending.first?.sentAt == Date(timeIntervalSince1970: 100))
        #expect(try store.wantedPrefetches().map(\.url) == ["https://a.com/3"])
        // Pushes never count as refreshed URLs.
        #expect(try store.acceptancesOfInterruptedRuns().isEmpty)
    }

    @Test("history reads the run summaries an older build wrote, and counts pushes only once")
    func oldSummaries() throws {
        let now = Date()
        let old = """
            {"backlog_entries":5,"command":"run","damaged_inputs":[],"elapsed_seconds":1.5,"entries":{"complete":0,\
            "covered":0,"deferred":5,"dropped":0,"expired":0,"failed":1,"invalid":0,"planned":0,"submitted":10},\
            "exit_code":1,"inputs":1,"lines":{"candidates":16,"hits":0,"ignored":0,"invalid":0,"read":16,"skipped":0},\
            "partial":true,"prefetched":{"complete":3},"quota":{"left":{"directories":100,"ignoreparams":100,\
            "regex":20,"urls":1990},"origin":"from DescribeRefreshQuota","start":{"directories":100,\
            "ignoreparams":100,"regex":20,"urls":2000}},"requests":1,"retries":0,"untouched_backlog":0}
            """
        let state = try olderState { db in
            try db.execute(
                sql: """
                    INSERT INTO run (id, started_at, finished_at, pid, status, summary)
                    VALUES ('old', ?, ?, 1, 'finished', ?)
                    """, arguments: [now.timeIntervalSince1970 - 5, now.timeIntervalSince1970 - 1, old])
            try db.execute(
                sql: """
                    INSERT INTO request (key, run_id, object_type, object_path, url_count, batch, status, sent_at,
                        finished_at)
                    VALUES ('old-1', 'old', 'file', 'https://a.com/1', 10, 1, 'accepted', ?, ?)
                    """, arguments: [now.timeIntervalSince1970 - 4, now.timeIntervalSince1970 - 4])
        }
        let store = try StateStore(directory: state, exclusive: true)
        defer { store.close() }
        try store.recordSending(
            key: "new-p", runID: "new", kind: .prefetch, urls: ["https://a.com/1"], batch: 1, at: now)
        try store.recordAccepted(
            key: "new-p", urls: ["https://a.com/1"], kind: .prefetch, requestID: "R", taskIDs: ["9"], at: now)
        let day = try #require(try store.history(days: 1, now: now).last)
        #expect(day.urls == 10 && day.accepted == 10 && day.failed == 1 && day.deferred == 5)
        #expect(day.prefetch == 3 && day.backlog == 5 && day.urlQuotaAtStart == 2000 && day.runs == 1)
    }
}

extension StateStoreMigrationTests {
    @Test(
        "a state a newer build wrote (a higher schema, or migrations this build does not know) is refused, naming both")
    func newerSchema() throws {
        let state = directory.file("newer")
        try StateStore(directory: state, exclusive: true).close()
        let queue = try DatabaseQueue(path: StateStore.databasePath(in: state))
        try queue.write { try $0.execute(sql: "PRAGMA user_version = 99") }
        try queue.close()
        #expect(throws: StateError.self) { try StateStore(directory: state, exclusive: true) }
        do {
            _ = try StateStore(directory: state, exclusive: true)
        } catch {
            #expect("\(error)".contains("schema 99, this build knows schema \(StateStore.schemaVersion)"))
        }
        let other = directory.file("superseded")
        try StateStore(directory: other, exclusive: true).close()
        let second = try DatabaseQueue(path: StateStore.databasePath(in: other))
        try second.write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: something newer')")
        }
        try second.close()
        #expect(throws: StateError.self) { try StateStore(directory: other, exclusive: true) }
    }

    @Test("deleting the lock file does not let a second run in: the lock is held on the directory itself")
    func lockFileDeleted() throws {
        let state = directory.file("locked")
        let first = try StateStore(directory: state, exclusive: true)
        defer { first.close() }
        try FileManager.default.removeItem(atPath: state + "/lock")
        #expect(throws: StateError.self) { try StateStore(directory: state, exclusive: true) }
    }
}
