/// Gives each candidate the hits its URL received: a file its own, an IgnoreParams entry those of every query
/// variant of its URL, a directory those of every URL beneath it (itself included).
enum HitAttribution {
    /// The hits of each entry of `store`, in record order, from the counts in `hits`.
    static func hits(of store: CandidateStore, from hits: HitCounts) -> [Int] {
        guard hits.distinctURLs > 0 else { return Array(repeating: 0, count: store.count) }
        var directories: DirectoryTotals?
        return store.records.map { record in
            switch record.type {
            case .file:
                return hits.hits(ofURL: record.key)
            case .ignoreparams:
                return hits.hits(ofQueryVariants: record.key)
            case .directory:
                if directories == nil { directories = hits.directoryTotals() }
                return directories!.hits(ofDirectory: record.key)
            case .regex:
                return 0
            }
        }
    }
}
