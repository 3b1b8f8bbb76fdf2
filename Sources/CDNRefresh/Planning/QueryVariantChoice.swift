/// Chooses IgnoreParams entries for file entries that differ only in their query (DESIGN §5, collapse).
///
/// Files whose URLs are equal up to the `?` form a group; an IgnoreParams entry for the URL without its query
/// refreshes every variant. A group is used when it has at least 2 members (`--collapse-min` is for directories:
/// the variants of one object carry no collateral, so five `?v=` variants are worth one IgnoreParams entry). Groups
/// that an IgnoreParams entry of the plan already refreshes are covered for free; then the biggest groups go first
/// (ties: the group with the better-ranked file), while the files left exceed the URL budget and the IgnoreParams
/// budget lasts. No collateral ratio applies: the variants of one URL are one object at the origin, so if it
/// changed, every cached variant of it is stale.
struct QueryVariantChoice {
    /// A chosen group: the URL without its query, the positions of its files (in rank order), and whether an
    /// existing entry already refreshes it.
    struct Chosen: Equatable {
        var url: String
        var files: [Int]
        var existing: Bool
    }

    var urlBudget: Int
    var ignoreParamsBudget: Int

    /// Chooses groups among `urls` (the files still to place, in rank order); `existing` are the IgnoreParams
    /// URLs the plan already sends.
    func choose(_ urls: [String], existing: Set<String>) -> [Chosen] {
        guard urls.count > urlBudget else { return [] }
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (position, url) in urls.enumerated() {
            guard let question = CanonicalURL.queryStart(of: url) else { continue }
            let stripped = String(url.utf8.prefix(question))!
            if groups[stripped] == nil { order.append(stripped) }
            groups[stripped, default: []].append(position)
        }
        var chosen: [Chosen] = []
        var left = urls.count
        for url in order where existing.contains(url) {
            let files = groups[url]!
            chosen.append(Chosen(url: url, files: files, existing: true))
            left -= files.count
        }
        let candidates = order.filter { !existing.contains($0) && groups[$0]!.count >= 2 }
            .sorted { a, b in
                let (filesA, filesB) = (groups[a]!, groups[b]!)
                return filesA.count != filesB.count ? filesA.count > filesB.count : filesA[0] < filesB[0]
            }
        var budget = ignoreParamsBudget
        for url in candidates {
            guard left > urlBudget, budget > 0 else { break }
            let files = groups[url]!
            chosen.append(Chosen(url: url, files: files, existing: false))
            left -= files.count
            budget -= 1
        }
        return chosen
    }
}
