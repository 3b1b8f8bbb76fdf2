import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

#if canImport(Glibc)
    import Glibc
#endif

@Suite("State store")
struct StateStoreTests {
    let directory = TemporaryDirectory()
    var stateDirectory: String { directory.file("state/nested") }
    let now = Date(timeIntervalSince1970: 1_795_456_800)

    func entry(_ url: String, firstSeen: Date? = nil, source: String = "in.txt:1") -> BacklogEntry {
        BacklogEntry(
            url: url, type: .file, priority: nil, hits: 0, latestChange: nil, firstSeen: firstSeen ?? now,
            source: source)
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int ?? 0) & 0o777
    }

    @Test("the directory is created 0700 and every database file 0600, in WAL mode")
    func fileModes() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.upsertBacklog([entry("https://a.com/x")], claimedBy: nil, at: now)
        #expect(mode(stateDirectory) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: stateDirectory).sorted()
        #expect(files.contains("state.sqlite-wal"))
        for file in files {
            #expect(mode("\(stateDirectory)/\(file)") == 0o600, "\(file)")
        }
    }

    @Test("a second writer is refused at once, naming the holder's pid; the lock goes with the store")
    func lock() throws {
        var first: StateStore? = try StateStore(directory: stateDirectory, exclusive: true)
        #expect(first != nil)
        #expect(throws: StateError.locked(directory: stateDirectory, holderPID: getpid())) {
            _ = try StateStore(directory: stateDirectory, exclusive: true)
        }
        // Readers do not take the lock.
        #expect(try StateStore.openIfPresent(directory: stateDirectory) != nil)
        first?.close()
        first = nil
        #expect(throws: Never.self) { try StateStore(directory: stateDirectory, exclusive: true).close() }
    }

    @Test("a reader finds nothing where no state was ever written, and creates nothing")
    func readerCreatesNothing() throws {
        #expect(try StateStore.openIfPresent(directory: directory.file("none")) == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.file("none")))
    }

    @Test("journal: sending until answered; an acceptance takes its URLs out of the backlog in one step")
    func journal() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.beginRun(id: "r1", at: now)
        try store.upsertBacklog(
            [entry("https://a.com/1"), entry("https://a.com/2"), entry("https://a.com/3")], claimedBy: "r1", at: now)
        try store.recordSending(
            key: "k1", runID: "r1", kind: .refresh(.file), urls: ["https://a.com/1", "https://a.com/2"], batch: 1,
            at: now)
        try store.recordSending(
            key: "k2", runID: "r1", kind: .refresh(.file), urls: ["https://a.com/3"], batch: 2, at: now)
        #expect(try store.pendingRequests().map(\.key) == ["k1", "k2"])
        try store.recordAccepted(
            key: "k1", urls: ["https://a.com/1", "https://a.com/2"], kind: .refresh(.file), requestID: "R",
            taskIDs: ["9"],
            at: now)
        #expect(try store.pendingRequests().map(\.urls) == [["https://a.com/3"]])
        #expect(try store.backlog().map(\.url) == ["https://a.com/3"])
        try store.recordReconciled(key: "k2", kind: .refresh(.file), found: ["https://a.com/3": "10"], at: now)
        #expect(try store.pendingRequests().isEmpty)
        #expect(try store.backlog().isEmpty)
    }

    @Test("an accepted directory clears what lies beneath it, an accepted IgnoreParams entry its query variants")
    func coveredLeaveWithTheirEntry() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.beginRun(id: "r1", at: now)
        let kept = [
            "https://a.com/d/x.js", "https://a.com/d/sub/y.js", "https://a.com/dx/z.js", "https://a.com/p.js?v=1",
            "https://a.com/p.js?v=2", "https://a.com/p.json?v=1", "https://a.com/other.js",
        ]
        try store.upsertBacklog(kept.map { entry($0) }, claimedBy: "r1", at: now)
        try store.recordSending(
            key: "k1", runID: "r1", kind: .refresh(.directory), urls: ["https://a.com/d/"], batch: 1, at: now)
        try store.recordAccepted(
            key: "k1", urls: ["https://a.com/d/"], kind: .refresh(.directory), requestID: "R", taskIDs: ["1"], at: now)
        try store.recordSending(
            key: "k2", runID: "r1", kind: .refresh(.ignoreparams), urls: ["https://a.com/p.js"], batch: 2, at: now)
        // A lost answer found by a look-up clears the same way as an accepted one.
        try store.recordReconciled(
            key: "k2", kind: .refresh(.ignoreparams), found: ["https://a.com/p.js": "2"], at: now)
        #expect(
            try store.backlog().map(\.url).sorted() == [
                "https://a.com/dx/z.js", "https://a.com/other.js", "https://a.com/p.json?v=1",
            ])
    }

    @Test("carried-over entries of equal rank keep their first appearance, not URL string order")
    func firstAppearanceOrder() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        let urls = ["https://a.com/f2000.js", "https://a.com/f10000.js", "https://a.com/f300.js"]
        try store.upsertBacklog(urls.map { entry($0) }, claimedBy: nil, at: now)
        #expect(try store.backlog().map(\.url) == urls)
        var listed: [String] = []
        try store.forEachBacklogEntry { listed.append($0.url) }
        #expect(listed == urls)
    }

    @Test("backlog in rank order: priority, hits, latest change, first appearance; --limit; the bound drops the last")
    func rankOrderAndBound() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        func ranked(_ url: String, priority: Int? = nil, hits: Int = 0, change: Int64? = nil, day: Double = 0)
            -> BacklogEntry
        {
            BacklogEntry(
                url: "https://a.com/" + url, type: .file, priority: priority, hits: hits, latestChange: change,
                firstSeen: now.addingTimeInterval(day * 86_400), source: "in.txt:1")
        }
        try store.upsertBacklog(
            [
                ranked("old-cold", day: -2), ranked("hot", hits: 50), ranked("urgent", priority: 5),
                ranked("changed", change: 1_700_000_000), ranked("warm", hits: 5), ranked("demoted", priority: -1),
            ], claimedBy: nil, at: now)
        var listed: [String] = []
        try store.forEachBacklogEntry { listed.append(String($0.url.dropFirst(14))) }
        #expect(listed == ["urgent", "hot", "warm", "changed", "old-cold", "demoted"])
        var firstTwo: [String] = []
        try store.forEachBacklogEntry(limit: 2) { firstTwo.append(String($0.url.dropFirst(14))) }
        #expect(firstTwo == ["urgent", "hot"])

        let dropped = try store.dropBacklog(keeping: 4)
        #expect(Set(dropped.map { String($0.url.dropFirst(14)) }) == ["old-cold", "demoted"])
        #expect(try store.backlogCount() == 4)
        #expect(try store.dropBacklog(keeping: 4).isEmpty)

        let expired = try store.expireBacklog(firstSeenBefore: now.addingTimeInterval(1))
        #expect(expired.count == 4)
        #expect(try store.backlogCount() == 0)
    }

    @Test("a partial read: the entries of some types and those named, in backlog order")
    func partialRead() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        let directory = BacklogEntry(
            url: "https://a.com/d/", type: .directory, priority: nil, hits: 0, latestChange: nil, firstSeen: now,
            source: "in.txt:2")
        try store.upsertBacklog(
            [entry("https://a.com/1"), directory, entry("https://a.com/2"), entry("https://a.com/3")], claimedBy: nil,
            at: now)
        let named = [
            CandidateKey(url: "https://a.com/3", type: .file), CandidateKey(url: "https://a.com/9", type: .file),
        ]
        #expect(try store.backlog(BacklogQuery(named: named)).map(\.url) == ["https://a.com/3"])
        #expect(
            try store.backlog(BacklogQuery(windows: [.directory: 1], named: named)).map(\.url) == [
                "https://a.com/d/", "https://a.com/3",
            ])
        #expect(try store.backlog(BacklogQuery(windows: [.file: .max, .directory: .max])).count == 4)
        #expect(try store.backlog(BacklogQuery()).isEmpty)
    }

    @Test("a window is a type's best-ranked entries, returned in backlog order; rule weights and today's hits rank it")
    func windows() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        let hits = [3, 9, 1, 7, 5]
        try store.upsertBacklog(
            hits.enumerated().map { index, hits in
                BacklogEntry(
                    url: "https://a.com/\(index)", type: .file, priority: nil, hits: hits, latestChange: nil,
                    firstSeen: now, source: "in.txt:\(index + 1)")
            }, claimedBy: nil, at: now)
        // The best two by hits (9 and 7), in the order they were written.
        #expect(
            try store.backlog(BacklogQuery(windows: [.file: 2])).map(\.url) == ["https://a.com/1", "https://a.com/3"])
        // Today's reads lift entry 2 (1 + 10 hits) above them.
        var query = BacklogQuery(windows: [.file: 2])
        query.todayHits = { url, _ in url.hasSuffix("/2") ? 10 : 0 }
        #expect(try store.backlog(query).map(\.url) == ["https://a.com/1", "https://a.com/2"])
        // A rule weight outranks hits.
        query.ruleWeight = { url in url.hasSuffix("/0") ? 1 : 0 }
        #expect(try store.backlog(query).map(\.url) == ["https://a.com/0", "https://a.com/2"])
    }

    @Test("an accepted directory sweeps the entries beneath it, found by key range, and says who had claimed them")
    func sweepBeneathDirectory() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.upsertBacklog(
            [entry("https://a.com/d/1.js"), entry("https://a.com/d/e/2.js"), entry("https://a.com/d0/3.js")],
            claimedBy: nil, at: now)
        try store.upsertBacklog([entry("https://a.com/d/4.js")], claimedBy: "run-1", at: now)
        try store.upsertBacklog(
            [entry("https://a.com/p.js?v=1"), entry("https://a.com/p.jsx"), entry("https://a.com/dz.js")],
            claimedBy: nil, at: now)
        #expect(
            try store.backlogEntriesCovered(byEntriesAnd: [
                CandidateKey(url: "https://a.com/d/", type: .directory),
                CandidateKey(url: "https://a.com/p.js", type: .ignoreparams),
            ]) == 4)
        try store.recordSending(
            key: "k", runID: "run-1", kind: .refresh(.directory), urls: ["https://a.com/d/"], batch: 1, at: now)
        let swept = try store.recordAccepted(
            key: "k", urls: ["https://a.com/d/"], kind: .refresh(.directory), requestID: "r", taskIDs: ["1"], at: now)
        #expect(
            swept.map(\.entry.url).sorted() == [
                "https://a.com/d/1.js", "https://a.com/d/4.js", "https://a.com/d/e/2.js",
            ])
        #expect(swept.allSatisfy { $0.coveredBy == "https://a.com/d/" })
        #expect(swept.first { $0.entry.url.hasSuffix("4.js") }?.claimedBy == "run-1")
        try store.recordSending(
            key: "k2", runID: "run-1", kind: .refresh(.ignoreparams), urls: ["https://a.com/p.js"], batch: 2, at: now)
        let variants = try store.recordAccepted(
            key: "k2", urls: ["https://a.com/p.js"], kind: .refresh(.ignoreparams), requestID: "r2", taskIDs: ["2"],
            at: now)
        #expect(variants.map(\.entry.url) == ["https://a.com/p.js?v=1"])
        #expect(
            try store.backlog().map(\.url).sorted() == [
                "https://a.com/d0/3.js", "https://a.com/dz.js", "https://a.com/p.jsx",
            ])
    }

    @Test("a run that never finished is interrupted; its acceptances count until a later run finishes")
    func interruptedRuns() throws {
        do {
            let store = try StateStore(directory: stateDirectory, exclusive: true)
            try store.beginRun(id: "killed", at: now)
            try store.recordSending(
                key: "k1", runID: "killed", kind: .refresh(.file), urls: ["https://a.com/1"], batch: 1, at: now)
            try store.recordAccepted(
                key: "k1", urls: ["https://a.com/1"], kind: .refresh(.file), requestID: "R1", taskIDs: ["7"], at: now)
            try store.recordSending(
                key: "k2", runID: "killed", kind: .refresh(.file), urls: ["https://a.com/2"], batch: 2, at: now)
            try store.recordReconciled(key: "k2", kind: .refresh(.file), found: ["https://a.com/2": "8"], at: now)
            // The process dies here: no finishRun.
            store.close()
        }
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.beginRun(id: "next", at: now.addingTimeInterval(60))
        let earlier = try store.acceptancesOfInterruptedRuns()
        #expect(earlier.map(\.url).sorted() == ["https://a.com/1", "https://a.com/2"])
        #expect(earlier.first { $0.url == "https://a.com/1" }?.requestID == "R1")
        #expect(earlier.first { $0.url == "https://a.com/2" }?.taskIDs == ["8"])
        try store.finishRun(id: "next", at: now.addingTimeInterval(120))
        #expect(try store.acceptancesOfInterruptedRuns().isEmpty)
    }

    @Test("backlog upserts keep the first sighting; clear empties it")
    func backlog() throws {
        let store = try StateStore(directory: stateDirectory, exclusive: true)
        try store.upsertBacklog([entry("https://a.com/x", source: "day1.txt:4")], claimedBy: nil, at: now)
        var later = entry("https://a.com/x", firstSeen: now.addingTimeInterval(86_400), source: "day2.txt:9")
        later.priority = 5
        later.hits = 12
        try store.upsertBacklog([later], claimedBy: nil, at: now.addingTimeInterval(86_400))
        let stored = try store.backlog()
        #expect(stored.count == 1)
        #expect(stored[0].source == "day1.txt:4" && stored[0].firstSeen == now)
        #expect(stored[0].priority == 5 && stored[0].hits == 12)
        #expect(try store.clearBacklog() == 1)
        #expect(try store.backlog().isEmpty)
    }

    @Test("the default directory follows XDG_STATE_HOME, else ~/.local/state")
    func defaultDirectory() {
        #expect(
            StateStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/h"])
                == "/x/state/cdn-refresh")
        #expect(StateStore.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/cdn-refresh")
        #expect(
            StateStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/cdn-refresh")
    }

    @Test("quota days are dates in UTC+8: 15:59:59 and 16:00:00 UTC fall on two days")
    func quotaDays() {
        let evening = Date(timeIntervalSince1970: 1_795_449_599)  // 2026-11-23T15:59:59Z
        #expect(StateStore.quotaDay(of: evening) == "2026-11-23")
        #expect(StateStore.quotaDay(of: evening.addingTimeInterval(1)) == "2026-11-24")
        #expect(StateStore.quotaDayStart(of: evening.addingTimeInterval(7200)) == evening.addingTimeInterval(1))
    }
}
