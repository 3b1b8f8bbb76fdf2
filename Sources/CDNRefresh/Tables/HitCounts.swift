/// The hits (GET/HEAD answered 2xx/304) of every URL read, without keeping the URLs' text.
///
/// A URL read costs one slot of 16 bytes in a table keyed by the 64-bit hash of its canonical bytes: its count and
/// the number of its directory. Reads of URLs with a query are also counted under the URL without it (what an
/// IgnoreParams entry refreshes), and directories are kept as a tree of hashes, so a directory entry gets the hits of
/// everything beneath it. Each input fills its own table; the tables are merged once, at the end.
struct HitCounts: Sendable {
    /// Per distinct URL: its hits and its directory.
    struct URLHits: Sendable, BitwiseCopyable {
        var count: UInt32
        var directory: UInt32
    }

    private(set) var urls = HashedTable<URLHits>()
    /// Hits of URLs with a query, by the hash of the URL without it.
    private(set) var queryless = HashedTable<UInt64>()
    private(set) var directories = DirectoryTable()

    /// Counts one read of the canonical URL in `url` (`count` reads: a mergeable manifest's `hits`).
    @inline(__always)
    mutating func recordHit(_ url: URLBuffer, count: Int = 1) {
        url.withCanonicalBytes { recordHit($0, count: UInt32(clamping: count)) }
    }

    @inline(__always)
    private mutating func recordHit(_ url: CanonicalBytes, count: UInt32) {
        let bytes = url.bytes
        let key = URLHash.hash(bytes)
        let (position, inserted) = urls.findOrInsert(key, initial: URLHits(count: count, directory: 0))
        if inserted {
            let end = url.queryStart ?? bytes.count
            let slash = DirectoryTable.lastSlash(in: bytes, from: url.pathStart, before: end) ?? url.pathStart
            let directory = directories.number(ofPrefix: slash + 1, of: bytes, pathStart: url.pathStart)
            urls.update(at: position) { $0.directory = directory }
        } else {
            urls.update(at: position) { $0.count = Self.sum($0.count, count) }
        }
        if let queryStart = url.queryStart {
            let stripped = URLHash.hash(bytes.baseAddress!, count: queryStart)
            queryless.upsert(stripped, initial: UInt64(count)) { $0 += UInt64(count) }
        }
    }

    /// Adds another input's counts (its directories are renumbered into this table's).
    mutating func merge(_ other: HitCounts) {
        var renumbered: [UInt32] = []
        renumbered.reserveCapacity(other.directories.count)
        for index in 0..<other.directories.count {
            let parent = other.directories.parents[index]
            renumbered.append(
                directories.number(
                    forKey: other.directories.keys[index], parent: parent < 0 ? -1 : Int32(renumbered[Int(parent)])))
        }
        other.urls.forEach { key, value in
            let mapped = URLHits(count: value.count, directory: renumbered[Int(value.directory)])
            urls.upsert(key, initial: mapped) { $0.count = Self.sum($0.count, value.count) }
        }
        other.queryless.forEach { key, value in
            queryless.upsert(key, initial: value) { $0 += value }
        }
    }

    /// The number of distinct URLs read.
    var distinctURLs: Int { urls.count }

    /// Bytes held by the tables, for statistics and tests.
    var footprint: Int { urls.footprint + queryless.footprint + directories.footprint }

    /// Hits of the URL with hash `key`.
    func hits(ofURL key: UInt64) -> Int {
        Int(urls.value(for: key)?.count ?? 0)
    }

    /// Hits of the URL with hash `key` and of all its query variants (an IgnoreParams entry's hits).
    func hits(ofQueryVariants key: UInt64) -> Int {
        hits(ofURL: key) + Int(queryless.value(for: key) ?? 0)
    }

    /// Totals per directory: the hits and distinct URLs of everything beneath each.
    func directoryTotals() -> DirectoryTotals {
        var hits = [Int](repeating: 0, count: directories.count)
        var distinct = [Int](repeating: 0, count: directories.count)
        urls.forEach { _, value in
            hits[Int(value.directory)] += Int(value.count)
            distinct[Int(value.directory)] += 1
        }
        for index in stride(from: directories.count - 1, through: 0, by: -1) {
            let parent = Int(directories.parents[index])
            guard parent >= 0 else { continue }
            hits[parent] += hits[index]
            distinct[parent] += distinct[index]
        }
        return DirectoryTotals(table: directories, hits: hits, distinctURLs: distinct)
    }

    @inline(__always)
    private static func sum(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : result
    }
}
