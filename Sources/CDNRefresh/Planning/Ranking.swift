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
