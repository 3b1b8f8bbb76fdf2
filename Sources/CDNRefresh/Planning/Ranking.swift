/// The deterministic order of candidates (DESIGN §5): explicit priority, then `--priority-rule` weight, then
/// backlog entries before new ones, then hits, then the latest change, then first appearance.
enum Ranking {
    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        let priorityA = a.priority ?? 0
        let priorityB = b.priority ?? 0
        if priorityA != priorityB { return priorityA > priorityB }
        if a.ruleWeight != b.ruleWeight { return a.ruleWeight > b.ruleWeight }
        if a.isFromBacklog != b.isFromBacklog { return a.isFromBacklog }
        if a.hits != b.hits { return a.hits > b.hits }
        let changeA = a.latestChange ?? Int64.min
        let changeB = b.latestChange ?? Int64.min
        if changeA != changeB { return changeA > changeB }
        if a.appearance != b.appearance { return a.appearance < b.appearance }
        // Distinct entries never share an appearance; keep the order total anyway.
        return (a.url, a.type) < (b.url, b.type)
    }

    /// Sorts candidates best first.
    static func sorted(_ candidates: [Candidate]) -> [Candidate] {
        candidates.sorted(by: precedes)
    }
}

extension Ranking {
    /// The positions of `candidates`, best first: the same order as ``sorted(_:)``, found by sorting small
    /// fixed-size keys instead of the candidates themselves.
    static func order(_ candidates: [Candidate]) -> [Int] {
        var keys = candidates.enumerated().map { index, candidate in
            Key(
                priority: candidate.priority ?? 0, ruleWeight: candidate.ruleWeight,
                fromBacklog: candidate.isFromBacklog, hits: candidate.hits,
                change: candidate.latestChange ?? Int64.min, appearance: candidate.appearance, position: index)
        }
        keys.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.ruleWeight != b.ruleWeight { return a.ruleWeight > b.ruleWeight }
            if a.fromBacklog != b.fromBacklog { return a.fromBacklog }
            if a.hits != b.hits { return a.hits > b.hits }
            if a.change != b.change { return a.change > b.change }
            if a.appearance != b.appearance { return a.appearance < b.appearance }
            return precedes(candidates[a.position], candidates[b.position])
        }
        return keys.map(\.position)
    }

    /// What ranks a candidate, apart from its URL (which only breaks ties between equal appearances).
    private struct Key {
        var priority: Int
        var ruleWeight: Int
        var fromBacklog: Bool
        var hits: Int
        var change: Int64
        var appearance: Appearance
        var position: Int
    }
}
