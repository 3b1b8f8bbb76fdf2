/// Turns the candidates of a run into a plan: rank, cover, trim to quota, pack (DESIGN §5).
///
/// A pure function of its inputs: the same candidates and options always give the same plan.
public enum Planner {
    /// Plans `candidates` (already merged, in order of first appearance).
    ///
    /// - Parameters:
    ///   - candidates: distinct entries; their `hits` are taken as given.
    ///   - invalid: lines that could not be used, passed through to the plan.
    ///   - options: quota, reserves, batch size and priority rules.
    public static func plan(candidates: [Candidate], invalid: [InvalidLine], options: PlanOptions) -> Plan {
        var weighted = candidates
        if !options.priorityRules.isEmpty {
            for index in weighted.indices {
                weighted[index].ruleWeight = PriorityRule.weight(of: weighted[index].url, rules: options.priorityRules)
            }
        }
        let ranked = Ranking.sorted(weighted)

        // Directories first: a selected directory covers the entries beneath it.
        let directories = ranked.filter { $0.type == .directory }
        let directoryOutcome = selectDirectories(directories, limit: options.limit(for: .directory))
        let coveringSet = Set(directoryOutcome.selected.map(\.url))

        var covered = directoryOutcome.covered
        var deferred = directoryOutcome.deferred
        var selectedByType: [EntryType: [Candidate]] = [.directory: directoryOutcome.selected]
        for type in [EntryType.file, .ignoreparams, .regex] {
            var chosen: [Candidate] = []
            let limit = options.limit(for: type)
            for candidate in ranked where candidate.type == type {
                if type != .regex && isCovered(candidate.url, by: coveringSet) {
                    covered.append(candidate)
                } else if chosen.count < limit {
                    chosen.append(candidate)
                } else {
                    deferred.append(candidate)
                }
            }
            selectedByType[type] = chosen
        }

        // Pack each type, then order all requests by their best entry.
        var rankOf: [CandidateKey: Int] = [:]
        for (index, candidate) in ranked.enumerated() { rankOf[candidate.key] = index }
        var groups: [(rank: Int, type: EntryType, entries: [Candidate])] = []
        for type in EntryType.allCases {
            let chosen = selectedByType[type] ?? []
            for entries in BatchPacker.pack(chosen, capacity: options.capacity(for: type)) {
                groups.append((rankOf[entries[0].key] ?? 0, type, entries))
            }
        }
        groups.sort { $0.rank < $1.rank }
        let batches = groups.enumerated().map { index, group in
            Batch(number: index + 1, type: group.type, entries: group.entries)
        }

        func byRank(_ list: [Candidate]) -> [Candidate] {
            list.sorted { (rankOf[$0.key] ?? 0) < (rankOf[$1.key] ?? 0) }
        }
        return Plan(
            batches: batches, deferred: byRank(deferred), covered: byRank(covered),
            invalid: invalid.sorted(by: InvalidLine.sourceOrder), quota: options.quota, options: options)
    }

    /// Chooses directories in rank order up to `limit`, where a directory beneath a chosen one is covered.
    ///
    /// When a later (lower-ranked) parent is chosen, the children it covers give their slots back, and the
    /// freed slots go to the next directories in rank order, until nothing changes.
    static func selectDirectories(_ ranked: [Candidate], limit: Int)
        -> (selected: [Candidate], covered: [Candidate], deferred: [Candidate])
    {
        enum State { case pending, selected, covered, deferred }
        var states = [State](repeating: .pending, count: ranked.count)
        var selectedURLs: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for index in ranked.indices where states[index] == .pending {
                if isCovered(ranked[index].url, by: selectedURLs) {
                    states[index] = .covered
                } else if selectedURLs.count < limit {
                    states[index] = .selected
                    selectedURLs.insert(ranked[index].url)
                } else {
                    states[index] = .deferred
                }
            }
            for index in ranked.indices where states[index] == .selected {
                if isCovered(ranked[index].url, by: selectedURLs) {
                    states[index] = .covered
                    selectedURLs.remove(ranked[index].url)
                    changed = true
                }
            }
            if changed {
                for index in ranked.indices where states[index] == .deferred { states[index] = .pending }
            }
        }
        var result: (selected: [Candidate], covered: [Candidate], deferred: [Candidate]) = ([], [], [])
        for (index, candidate) in ranked.enumerated() {
            switch states[index] {
            case .selected: result.selected.append(candidate)
            case .covered: result.covered.append(candidate)
            case .deferred, .pending: result.deferred.append(candidate)
            }
        }
        return result
    }

    /// Whether a proper ancestor directory of `url` is in `directories`.
    static func isCovered(_ url: String, by directories: Set<String>) -> Bool {
        guard !directories.isEmpty else { return false }
        return CanonicalURL.ancestorDirectories(of: url).contains { directories.contains(String($0)) }
    }
}

extension InvalidLine {
    /// Input order: by input, then line; recorded sources last, in text order.
    static func sourceOrder(_ a: InvalidLine, _ b: InvalidLine) -> Bool {
        switch (a.source, b.source) {
        case (.line(let inputA, let lineA), .line(let inputB, let lineB)):
            (inputA, lineA) < (inputB, lineB)
        case (.line, .recorded): true
        case (.recorded, .line): false
        case (.recorded(let textA), .recorded(let textB)): textA < textB
        }
    }
}
