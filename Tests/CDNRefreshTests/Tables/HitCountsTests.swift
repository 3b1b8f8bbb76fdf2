import TestSupport
import Testing

@testable import CDNRefresh

/// The attribution of hits as it was before the hash tables: hits in a dictionary keyed by URL text, a directory
/// summing every URL it is a string prefix of, an IgnoreParams entry every URL equal to it up to the `?`.
private enum ReferenceAttribution {
    static func fileHits(_ hits: [String: Int], _ url: String) -> Int { hits[url] ?? 0 }

    static func queryVariantHits(_ hits: [String: Int], _ url: String) -> Int {
        hits.reduce(0) { sum, entry in
            sum + (entry.key[..<(entry.key.firstIndex(of: "?") ?? entry.key.endIndex)] == url ? entry.value : 0)
        }
    }

    static func directoryHits(_ hits: [String: Int], _ directory: String) -> Int {
        hits.reduce(0) { $0 + ($1.key.hasPrefix(directory) ? $1.value : 0) }
    }
}

@Suite("Hit counts by hash")
struct HitCountsTests {
    /// Reads of generated URLs (many repeated), split over two tables as two inputs would be.
    func reads() -> (first: [String], second: [String]) {
        let urls = GeneratedURLs.make(count: 3000, seed: 4)
        return (Array(urls.prefix(2000)), Array(urls.suffix(2000)))
    }

    func counts(_ urls: [String]) -> HitCounts {
        var canonical = CanonicalURLs()
        var counts = HitCounts()
        for url in urls { counts.recordHit(canonical.load(url)) }
        return counts
    }

    @Test("files, IgnoreParams entries and directories get exactly the hits of the String-keyed attribution")
    func matchesReference() {
        let (first, second) = reads()
        var merged = counts(first)
        merged.merge(counts(second))
        var reference: [String: Int] = [:]
        for url in first + second { reference[url, default: 0] += 1 }
        #expect(merged.distinctURLs == reference.count)

        let totals = merged.directoryTotals()
        var directories: Set<String> = []
        for url in reference.keys {
            for directory in CanonicalURL.ancestorDirectories(of: url) { directories.insert(String(directory)) }
            if url.hasSuffix("/") { directories.insert(url) }
        }
        directories.insert("https://a.example.com/nowhere/")
        for directory in directories {
            #expect(
                totals.hits(ofDirectory: URLHash.hash(directory))
                    == ReferenceAttribution.directoryHits(reference, directory), "\(directory)")
        }
        let files = Set(reference.keys).union(["https://a.example.com/never-read.js"])
        for url in files {
            #expect(merged.hits(ofURL: URLHash.hash(url)) == ReferenceAttribution.fileHits(reference, url))
            let stripped = String(url[..<(url.firstIndex(of: "?") ?? url.endIndex)])
            #expect(
                merged.hits(ofQueryVariants: URLHash.hash(stripped))
                    == ReferenceAttribution.queryVariantHits(reference, stripped), "\(stripped)")
        }
    }

    @Test("a file gets its own hits, a directory those beneath it, IgnoreParams those of every query variant")
    func attribution() {
        var canonical = CanonicalURLs()
        var store = CandidateStore()
        let entries: [(String, EntryType)] = [
            ("https://a.com/img/a.png", .file), ("https://a.com/img/", .directory),
            ("https://a.com/app.js", .ignoreparams),
            ("https://a.com/other", .file),
        ]
        for (index, (url, type)) in entries.enumerated() {
            store.add(
                url: canonical.load(url), type: type, input: 0, line: index + 1, ordinal: index, latestChange: nil,
                priority: nil)
        }
        let reads = [
            ("https://a.com/img/a.png", 3), ("https://a.com/img/b/c.png", 2), ("https://a.com/imgs/x", 7),
            ("https://a.com/app.js?v=1", 4), ("https://a.com/app.js", 1),
        ]
        var table = HitCounts()
        for (url, count) in reads {
            for _ in 0..<count { table.recordHit(canonical.load(url)) }
        }
        #expect(HitAttribution.hits(of: store, from: table) == [3, 5, 5, 0])
    }

    @Test("distinct URLs beneath a directory are counted once across inputs")
    func distinctAcrossInputs() {
        var merged = counts(["https://a.com/d/x.js", "https://a.com/d/y.js", "https://a.com/d/e/z.js"])
        merged.merge(counts(["https://a.com/d/x.js", "https://a.com/d/e/z.js", "https://a.com/d/e/w.js"]))
        let totals = merged.directoryTotals()
        let directory = totals.table.number(forKey: URLHash.hash("https://a.com/d/")).map { Int($0) }
        let nested = totals.table.number(forKey: URLHash.hash("https://a.com/d/e/")).map { Int($0) }
        #expect(directory.map { totals.distinctURLs[$0] } == 4)
        #expect(nested.map { totals.distinctURLs[$0] } == 2)
        #expect(totals.hits(ofDirectory: URLHash.hash("https://a.com/d/")) == 6)
        #expect(totals.hits(ofDirectory: URLHash.hash("https://a.com/")) == 6)
    }

    @Test("a read URL costs one 16-byte slot, never its text")
    func footprint() {
        let urls = (0..<50_000).map { "https://api.example.com/v1/items/\($0 % 300).json?session=\($0)" }
        let table = counts(urls)
        #expect(table.distinctURLs == urls.count)
        #expect(table.footprint < urls.count * 48)
    }
}
