import CDNRefresh
import Foundation
import GRDB
import TestSupport
import Testing

@testable import RefreshRunner

/// Readers (`quota`, `plan`, `backlog list`, `history`) never migrate or write the state: a `run` in progress keeps
/// its schema, and an older state is left for a `run` to upgrade.
@Suite("State readers write nothing")
struct StateReaderTests {
    let directory = TemporaryDirectory()

    /// A state at schema `migration`, with one learned limit when the schema has them.
    func state(upTo migration: String) throws -> String {
        let state = directory.file("state-\(migration.prefix(2))")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: StateStore.databasePath(in: state))
        try StateStore.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            let version = StateStore.migrator.migrations.firstIndex(of: migration)! + 1
            try db.execute(sql: "PRAGMA user_version = \(version)")
            if version >= 6 {
                try db.execute(
                    sql: "INSERT INTO domain_limit (domain, urls_per_minute, learned_at) VALUES ('a.com', 10, ?)",
                    arguments: [Date().timeIntervalSince1970])
            }
        }
        try queue.close()
        return state
    }

    func userVersion(_ state: String) throws -> Int {
        let queue = try DatabaseQueue(path: StateStore.databasePath(in: state))
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    }

    func modified(_ state: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: StateStore.databasePath(in: state))[.modificationDate]
            as? Date
    }

    @Test("an older state is not upgraded by a reader: it says run `run` once, and its file is untouched")
    func outdated() throws {
        let state = try state(upTo: "v6: per-domain limits")
        let before = try modified(state)
        #expect(throws: StateError.outdated(directory: state, schema: 6, current: StateStore.schemaVersion)) {
            try StateStore.openIfPresent(directory: state)
        }
        #expect(try userVersion(state) == 6)
        #expect(try modified(state) == before)
        #expect(ExitStatus(StateError.outdated(directory: state, schema: 6, current: 7)) == .success)
        #expect(
            "\(StateError.outdated(directory: state, schema: 6, current: 7))".contains("run `cdn-refresh run` once"))
    }

    @Test("a current state reads, and a reader creates nothing where there is no state")
    func current() throws {
        let state = directory.file("current")
        try StateStore(directory: state, exclusive: true).close()
        let reader = try #require(try StateStore.openIfPresent(directory: state))
        #expect(try reader.backlogCount() == 0)
        reader.close()
        #expect(try StateStore.openIfPresent(directory: directory.file("none")) == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.file("none")))
    }

    @Test("a run upgrades it: a learned limit an older build kept reads with why, and under the floor it paces at 100")
    func upgradedByARun() throws {
        let state = try state(upTo: "v6: per-domain limits")
        let store = try StateStore(directory: state, exclusive: true)
        defer { store.close() }
        let limit = try #require(try store.domainLimits(at: Date()).first)
        #expect(limit.domain == "a.com" && limit.urlsPerMinute == 10 && limit.provenURLs == 0)
        #expect(limit.reason.contains("earlier version"))
        #expect(DomainPacer(remembered: ["a.com": limit.memory]).limit(of: "a.com")?.urls == 100)
    }

    @Test("findings are kept a week: a limit and what one window proved, each with its own date")
    func findings() throws {
        let store = try StateStore(directory: directory.file("findings"), exclusive: true)
        defer { store.close() }
        let now = Date()
        try store.recordDomainFindings(
            ["a.com": .init(limit: 500, limitChanged: true, reason: "refused", proven: 400)], at: now)
        try store.recordDomainFindings(
            ["a.com": .init(limit: nil, limitChanged: false, reason: "", proven: 300)], at: now)
        var known = try #require(try store.domainLimits(at: now).first)
        #expect(known.urlsPerMinute == 500 && known.provenURLs == 400 && known.reason == "refused")
        try store.recordDomainFindings(
            ["a.com": .init(limit: nil, limitChanged: true, reason: "recovered", proven: 400)], at: now)
        known = try #require(try store.domainLimits(at: now).first)
        #expect(known.urlsPerMinute == nil && known.provenURLs == 400)
        #expect(try store.domainLimits(at: now.addingTimeInterval(8 * 86_400)).isEmpty)
        #expect(try store.forgetDomainLimits(["b.com"]).isEmpty)
        #expect(try store.forgetDomainLimits(nil) == ["a.com"])
        #expect(try store.domainLimits(at: now).isEmpty)
    }
}
