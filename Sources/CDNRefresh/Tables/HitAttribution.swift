/// Gives each candidate the hits its URL received: a file its own, an IgnoreParams entry those of every query
/// variant of its URL, a directory those of every URL beneath it (itself included).
enum HitAttribution {
    /// What the inputs read of one entry.
    struct Reads: Equatable {
        var hits: Int
        /// Whether the entry's own URL was read.
        var wasRead: Bool
    }

    /// What the inputs read of each entry of `store`, in record order, from the counts in `hits`.
    static func reads(of store: CandidateStore, from hits: HitCounts) -> [Reads] {
        guard hits.distinctURLs > 0 else { return Array(repeating: Reads(hits: 0, wasRead: false), count: store.count) }
        var directories: DirectoryTotals?
        return store.records.map { record in
            let own = hits.hits(ofURL: record.key)
            switch record.type {
            case .file:
                return Reads(hits: own, wasRead: own > 0)
            case .ignoreparams:
                return Reads(hits: hits.hits(ofQueryVariants: record.key), wasRead: own > 0)
            case .directory:
                if directories == nil { directories = hits.directoryTotals() }
                return Reads(hits: directories!.hits(ofDirectory: record.key), wasRead: own > 0)
            case .regex:
                return Reads(hits: 0, wasRead: false)
            }
        }
    }

    /// The hits of each entry of `store`, in record order.
    static func hits(of store: CandidateStore, from hits: HitCounts) -> [Int] {
        reads(of: store, from: hits).map(\.hits)
    }
}
