import CDNRefresh

extension BacklogQuery {
    /// What a run (or `plan`) with `options` and `quota` reads of the backlog in `store`, given what it read from its
    /// inputs.
    ///
    /// For each type with a budget: that many best-ranked entries, plus `withheld` (entries of an unconfirmed
    /// request, held back from sending). Files: also as many as the explicit Directory and IgnoreParams entries of
    /// the backlog and the inputs could cover, since covered files leave the URL budget to the next ones; and at
    /// least `collapseWindow` when collapsing can spend a Directory or IgnoreParams budget. Always: the entries the
    /// inputs name, to merge with them. Ranked as the planner will rank them (rule weights, today's hits).
    ///
    /// - Parameter quota: the quota the run plans with; `nil` when it can send nothing today: then only the named
    ///   entries are read.
    package static func planning(
        _ reading: InputReading, options: PlannerOptions, quota: RefreshQuota?, store: StateStore, withheld: Int = 0,
        collapseWindow: Int
    ) throws(StateError) -> BacklogQuery {
        var query = BacklogQuery(named: reading.candidateKeys)
        guard let quota else { return query }
        for type in EntryType.allCases where options.limit(for: type, in: quota) > 0 {
            query.windows[type] = options.limit(for: type, in: quota) + withheld
        }
        if query.windows[.file] != nil {
            var covering = reading.candidateTypes.intersection([.directory, .ignoreparams])
            for type in [EntryType.directory, .ignoreparams] where !covering.contains(type) {
                if try store.backlogHolds(type) { covering.insert(type) }
            }
            if !covering.isDisjoint(with: query.windows.keys) {
                query.windows[.file, default: 0] += try store.backlogEntriesCovered(
                    byEntriesAnd: reading.candidateKeys(of: [.directory, .ignoreparams]))
            }
        }
        let collapses =
            options.collapse.mode == .auto
            && (options.limit(for: .directory, in: quota) > 0 || options.limit(for: .ignoreparams, in: quota) > 0)
        if collapses { query.windows[.file] = max(query.windows[.file] ?? 0, collapseWindow) }
        if !options.priorityRules.isEmpty {
            query.ruleWeight = { url in options.ruleWeight(of: url) }
        }
        query.todayHits = reading.backlogHits(directories: query.windows[.directory] != nil)
        return query
    }
}
