import TestSupport
import Testing

@testable import CDNRefresh

@Suite("Candidate store")
struct CandidateStoreTests {
    @Test("entries merge by (URL, type): first source, occurrences, latest change, highest priority")
    func merge() {
        var canonical = CanonicalURLs()
        var first = CandidateStore()
        first.add(
            url: canonical.load("https://a.com/x"), type: .file, input: 0, line: 1, ordinal: 0, latestChange: 10,
            priority: 1)
        var second = CandidateStore()
        let x = canonical.load("https://a.com/x")
        second.add(url: x, type: .file, input: 1, line: 9, ordinal: 0, latestChange: 30, priority: 4)
        second.add(url: x, type: .file, input: 1, line: 12, ordinal: 1, latestChange: 20, priority: nil)
        second.add(
            url: canonical.load("https://a.com/x/"), type: .directory, input: 1, line: 13, ordinal: 2,
            latestChange: nil, priority: nil)
        first.append(second)
        let merged = first.candidates(backlog: [], hits: [7, 0])
        #expect(merged.count == 2)
        #expect(merged[0].occurrences == 3)
        #expect(merged[0].latestChange == 30)
        #expect(merged[0].priority == 4)
        #expect(merged[0].hits == 7)
        #expect(merged[0].source == .line(input: 0, line: 1))
        #expect(merged[0].appearance == Appearance(group: 1, ordinal: 0))
        #expect(merged[1].type == .directory && merged[1].source == .line(input: 1, line: 13))
    }

    @Test("backlog entries come first and absorb what the inputs add, keeping their source and hits")
    func backlog() {
        var canonical = CanonicalURLs()
        var inputs = CandidateStore()
        inputs.add(
            url: canonical.load("https://a.com/new"), type: .file, input: 0, line: 1, ordinal: 0, latestChange: nil,
            priority: nil)
        inputs.add(
            url: canonical.load("https://a.com/old"), type: .file, input: 0, line: 2, ordinal: 1, latestChange: 99,
            priority: nil)
        let carried = Candidate(
            url: "https://a.com/old", type: .file, source: .recorded("yesterday:4"), occurrences: 2, hits: 5,
            backlogSince: 1000, appearance: Appearance(group: 0, ordinal: 0))
        var store = CandidateStore()
        store.addBacklog([carried])
        store.append(inputs)
        let merged = store.candidates(backlog: [carried], hits: [3, 1])
        #expect(merged.map(\.url) == ["https://a.com/old", "https://a.com/new"])
        #expect(merged[0].source == .recorded("yesterday:4"))
        #expect(merged[0].occurrences == 3 && merged[0].hits == 8 && merged[0].latestChange == 99)
        #expect(merged[0].backlogSince == 1000)
    }

    @Test("URLs that share a hash stay distinct entries (the bytes decide)")
    func collisions() {
        var canonical = CanonicalURLs()
        var store = CandidateStore(hash: { _ in 42 })
        let urls = (0..<50).map { "https://a.com/\($0).png" }
        for (index, url) in (urls + urls).enumerated() {
            store.add(
                url: canonical.load(url), type: .file, input: 0, line: index + 1, ordinal: index, latestChange: nil,
                priority: nil)
        }
        let candidates = store.candidates(backlog: [], hits: Array(repeating: 0, count: store.count))
        #expect(candidates.map(\.url) == urls)
        #expect(candidates.allSatisfy { $0.occurrences == 2 })
    }

    @Test("a candidate costs its record and its URL's bytes, not an object")
    func footprint() {
        var canonical = CanonicalURLs()
        var store = CandidateStore()
        for index in 0..<20_000 {
            store.add(
                url: canonical.load("https://www.example.com/static/\(index).js"), type: .file, input: 0,
                line: index + 1, ordinal: index, latestChange: nil, priority: nil)
        }
        #expect(store.count == 20_000)
        #expect(store.footprint < 20_000 * 256)
    }
}
