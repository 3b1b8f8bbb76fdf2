import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

/// The backlog over many nights: expiry, the bound, and reports that do not repeat what nobody touched.
extension RefreshRunTests {
    /// Leaves `count` files of `/<prefix>/` in the backlog (a run with a URL quota of 0 defers them all).
    func deferAll(_ count: Int, prefix: String) async throws -> String {
        let input = manifest(count, prefix: prefix)
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([input], service: service, quotaURLs: 0, collapse: .off)
        #expect(outcome.rows.filter { $0.status == .deferred }.count == count)
        return input
    }

    @Test("an entry older than --backlog-max-age leaves as expired, one row each, unless the inputs name it again")
    func expiry() async throws {
        _ = try await deferAll(4, prefix: "old")
        let again = manifest(1, prefix: "old")  // https://cdn.example.com/old/0.png changed again
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run(
            [again], service: service, quotaURLs: 10, collapse: .off, limits: BacklogLimits(maxAge: 30 * 86_400),
            clock: LaterClock(days: 31))
        let expired = outcome.rows.filter { $0.status == .expired }
        #expect(Set(expired.map(\.url)) == Set((1..<4).map { "https://cdn.example.com/old/\($0).png" }))
        #expect(expired.allSatisfy { $0.errorMessage.contains("--backlog-max-age 30d") })
        #expect(outcome.rows.filter { $0.url == "https://cdn.example.com/old/0.png" }.map(\.status) == [.submitted])
        #expect(outcome.summary.statusCounts[.expired] == 3)
        #expect(service.acceptedCounts().keys.sorted() == ["https://cdn.example.com/old/0.png"])
        #expect(try backlog().isEmpty)
    }

    @Test("entries younger than --backlog-max-age stay")
    func noExpiryYet() async throws {
        _ = try await deferAll(3, prefix: "young")
        let outcome = try await run(
            [], service: EmulatorService(configuration: EmulatorConfiguration()), quotaURLs: 0,
            limits: BacklogLimits(maxAge: 30 * 86_400), clock: LaterClock(days: 29))
        #expect(!outcome.rows.contains { $0.status == .expired })
        #expect(try backlog().count == 3)
    }

    @Test("beyond --backlog-max-entries the lowest-ranked leave as dropped; today's rows say so")
    func bound() async throws {
        _ = try await deferAll(6, prefix: "kept")
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run(
            [manifest(4, prefix: "new")], service: service, quotaURLs: 0, collapse: .off,
            limits: BacklogLimits(maxEntries: 7))
        // The carried-over entries outrank the new ones: three new entries are dropped, in the rows they already had.
        let dropped = outcome.rows.filter { $0.status == .dropped }
        #expect(dropped.map(\.url) == (1..<4).map { "https://cdn.example.com/new/\($0).png" })
        #expect(dropped.allSatisfy { $0.errorMessage.contains("--backlog-max-entries 7") })
        #expect(try backlog().count == 7)
        #expect(outcome.summary.backlogSize == 7)
        #expect(outcome.summary.statusCounts[.dropped] == 3)

        // A bound below the untouched entries drops them with rows of their own.
        let second = try await run(
            [], service: service, quotaURLs: 0, collapse: .off, limits: BacklogLimits(maxEntries: 2))
        #expect(second.rows.filter { $0.status == .dropped }.count == 5)
        #expect(second.rows.count == 5)
        #expect(second.summary.backlogSize == 2)
    }

    @Test("untouched carried-over entries get no rows; the summary counts them, and rows and counts agree")
    func untouchedNotRepeated() async throws {
        _ = try await deferAll(10, prefix: "wait")
        let service = EmulatorService(configuration: EmulatorConfiguration())
        // Night two: one of them changed again, one new file, a quota of 3.
        let input = directory.write(
            "night2.txt", text: "https://cdn.example.com/wait/9.png\nhttps://cdn.example.com/fresh.png\n")
        let outcome = try await run([input], service: service, quotaURLs: 3, collapse: .off)
        let submitted = outcome.rows.filter { $0.status == .submitted }
        #expect(submitted.count == 3)
        // The entry named again is one entry, not two.
        #expect(outcome.rows.filter { $0.url == "https://cdn.example.com/wait/9.png" }.count == 1)
        let counted = outcome.summary.statusCounts.values.reduce(0, +)
        #expect(counted == outcome.rows.count)
        #expect(outcome.summary.untouchedBacklog + outcome.rows.count == 11)
        #expect(outcome.summary.backlogSize == 8)
        #expect(try backlog().count == 8)
        #expect(outcome.summary.render().contains("8 entries still in the backlog"))
    }

    @Test("an entry planned from the backlog and accepted leaves it")
    func acceptedLeaves() async throws {
        _ = try await deferAll(3, prefix: "go")
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([], service: service, quotaURLs: 100)
        #expect(outcome.rows.map(\.status) == [.submitted, .submitted, .submitted])
        #expect(service.acceptedCounts().count == 3)
        #expect(try backlog().isEmpty)
    }

    @Test("with nothing to send, only what the inputs name is read from the backlog; nothing else changes")
    func nothingSendable() async throws {
        _ = try await deferAll(5, prefix: "idle")
        let input = directory.write(
            "again.txt", text: "https://cdn.example.com/idle/2.png\nhttps://cdn.example.com/other.png\n")
        let service = EmulatorService(configuration: EmulatorConfiguration())
        // No URL quota and no collapsing: no file can be sent today.
        let outcome = try await run([input], service: service, quotaURLs: 0, collapse: .off)
        #expect(
            outcome.rows.map(\.url).sorted() == [
                "https://cdn.example.com/idle/2.png", "https://cdn.example.com/other.png",
            ])
        #expect(outcome.rows.allSatisfy { $0.status == .deferred })
        // The named entry merged with the one in the backlog: it keeps its source, and it is one entry.
        #expect(outcome.rows.first { $0.url.hasSuffix("idle/2.png") }?.source.hasSuffix("idle.txt:3") == true)
        #expect(outcome.summary.backlogSize == 6)
        #expect(try backlog().count == 6)
        #expect(service.statistics().calls["RefreshObjectCaches"] == nil)
    }

    @Test("with no URL quota, a directory sent from the backlog still reports the files it covers there")
    func directoryWithoutURLQuota() async throws {
        _ = try await deferAll(3, prefix: "under")
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            defer { store.close() }
            try store.upsertBacklog(
                [
                    BacklogEntry(
                        url: "https://cdn.example.com/under/", type: .directory, priority: nil, hits: 0,
                        latestChange: nil, firstSeen: Date(), source: "dirs.txt:1")
                ], claimedBy: nil, at: Date())
        }
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([], service: service, quotaURLs: 0, collapse: .off)
        #expect(service.acceptedCounts(objectType: "directory") == ["https://cdn.example.com/under/": 1])
        let covered = outcome.rows.filter { $0.status == .covered }
        #expect(covered.count == 3 && covered.allSatisfy { $0.coveredBy == "https://cdn.example.com/under/" })
        #expect(try backlog().isEmpty)
    }

    @Test("a run reads only as many of the backlog's best-ranked entries as it can send, and sends those")
    func windowOfBestRanked() async throws {
        // 40 entries whose rank (priority, then hits, then first appearance) is not their URL or insertion order.
        let entries = (0..<40).map { index in
            BacklogEntry(
                url: "https://cdn.example.com/w/\(index).png", type: .file, priority: index % 7 == 0 ? 1 : nil,
                hits: (index * 37) % 11, latestChange: nil, firstSeen: Date(), source: "w.txt:\(index + 1)")
        }
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            defer { store.close() }
            try store.upsertBacklog(entries, claimedBy: nil, at: Date())
        }
        let best = entries.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if (x.priority ?? 0) != (y.priority ?? 0) { return (x.priority ?? 0) > (y.priority ?? 0) }
            if x.hits != y.hits { return x.hits > y.hits }
            return a.offset < b.offset
        }
        .prefix(6).map(\.element.url)
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([], service: service, quotaURLs: 6, collapse: .off)
        #expect(outcome.rows.filter { $0.status == .submitted }.map(\.url) == Array(best))
        #expect(outcome.rows.count == 6)
        #expect(outcome.summary.untouchedBacklog == 34)
        #expect(outcome.summary.backlogSize == 34)
        #expect(Set(try backlog().map(\.url)).isDisjoint(with: best))
    }

    @Test("with collapsing, files of the backlog a run did not read are refreshed and reported by the directory")
    func unreadFilesCoveredByCollapse() async throws {
        _ = try await deferAll(12, prefix: "deep")
        let service = EmulatorService(configuration: EmulatorConfiguration())
        // The run plans with the best 6 files only (the window); the directory it collapses them into covers all 12.
        let outcome = try await run(
            [], service: service, quotaURLs: 2, collapse: CollapseOptions(minimum: 3),
            limits: BacklogLimits(collapseWindow: 6))
        let accepted = service.acceptedCounts(objectType: "directory")
        #expect(accepted == ["https://cdn.example.com/deep/": 1])
        let covered = outcome.rows.filter { $0.status == .covered }
        #expect(covered.map(\.url).sorted() == (0..<12).map { "https://cdn.example.com/deep/\($0).png" }.sorted())
        #expect(covered.allSatisfy { $0.coveredBy == "https://cdn.example.com/deep/" && !$0.taskID.isEmpty })
        #expect(try backlog().isEmpty)
        #expect(outcome.summary.untouchedBacklog == 0)
    }
}
