/// Gives each candidate the hits its URL received: a file its own, an IgnoreParams entry those of every query
/// variant of its URL, a directory those of every URL beneath it.
enum HitAttribution {
    static func assign(_ hits: [String: Int], to candidates: inout [Candidate]) {
        guard !hits.isEmpty else { return }
        let needsDirectories = candidates.contains { $0.type == .directory }
        let needsStripped = candidates.contains { $0.type == .ignoreparams }
        var sortedKeys: [String] = []
        var prefixSums: [Int] = []
        if needsDirectories {
            sortedKeys = hits.keys.sorted()
            prefixSums.reserveCapacity(sortedKeys.count + 1)
            prefixSums.append(0)
            for key in sortedKeys { prefixSums.append(prefixSums.last! + hits[key]!) }
        }
        var strippedHits: [Substring: Int] = [:]
        if needsStripped {
            for (url, count) in hits {
                let stripped = url[..<(url.firstIndex(of: "?") ?? url.endIndex)]
                strippedHits[stripped, default: 0] += count
            }
        }
        for index in candidates.indices {
            let url = candidates[index].url
            switch candidates[index].type {
            case .file:
                candidates[index].hits += hits[url] ?? 0
            case .ignoreparams:
                candidates[index].hits += strippedHits[url[...]] ?? 0
            case .directory:
                let low = partition(sortedKeys) { $0 >= url }
                let high = partition(sortedKeys[low...]) { !$0.hasPrefix(url) }
                candidates[index].hits += prefixSums[high] - prefixSums[low]
            case .regex:
                continue
            }
        }
    }

    /// The first index where `predicate` holds, for a predicate that is false then true along the collection.
    private static func partition(_ keys: ArraySlice<String>, _ predicate: (String) -> Bool) -> Int {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let middle = (low + high) / 2
            if predicate(keys[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func partition(_ keys: [String], _ predicate: (String) -> Bool) -> Int {
        partition(keys[...], predicate)
    }
}
