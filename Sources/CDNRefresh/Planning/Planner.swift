/// Turns the candidates of a run into a plan: rank, cover, trim to quota, pack (DESIGN §5).
///
/// A pure function of its inputs: the same candidates and options always give the same plan.
public enum Planner {
    /// Plans `candidates` (already merged, in order of first appearance).
    ///
    /// Ranks positions, not values: the sort moves integers, and each entry is copied once, into the list it
    /// ends up in.
    ///
    /// - Parameters:
    ///   - candidates: distinct entries; their `hits` are taken as given.
    ///   - invalid: lines that could not be used, passed through to the plan.
    ///   - options: quota, reserves, batch size and priority rules.
    public static func plan(candidates: [Candidate], invalid: [InvalidLine], options: PlanOptions) -> Plan {
        var candidates = candidates
        if !options.priorityRules.isEmpty {
            for index in candidates.indices {
                candidates[index].ruleWeight = PriorityRule.weight(
                    of: candidates[index].url, rules: options.priorityRules)
            }
        }
        let order = Ranking.order(candidates)
        var rank = [Int](repeating: 0, count: candidates.count)
        for (position, index) in order.enumerated() { rank[index] = position }

        // Directories first: a selected directory covers the entries beneath it.
        let directories = order.filter { candidates[$0].type == .directory }
        let directoryOutcome = selectDirectories(directories, of: candidates, limit: options.limit(for: .directory))
        let coveringSet = Set(directoryOutcome.selected.map { candidates[$0].url })

        var covered = directoryOutcome.covered
        var deferred = directoryOutcome.deferred
        var selectedByType: [EntryType: [Int]] = [.directory: directoryOutcome.selected]
        for type in [EntryType.file, .ignoreparams, .regex] {
            var chosen: [Int] = []
            let limit = options.limit(for: type)
            for index in order where candidates[index].type == type {
                if type != .regex && isCovered(candidates[index].url, by: coveringSet) {
                    covered.append(index)
                } else if chosen.count < limit {
                    chosen.append(index)
                } else {
                    deferred.append(index)
                }
            }
            selectedByType[type] = chosen
        }

        // Pack each type, then order all requests by their best entry.
        var groups: [(rank: Int, type: EntryType, entries: [Candidate])] = []
        for type in EntryType.allCases {
            let packed = BatchPacker.pack(selectedByType[type] ?? [], capacity: options.capacity(for: type)) {
                CanonicalURL.domain(of: candidates[$0].url)
            }
            for positions in packed {
                groups.append((rank[positions[0]], type, positions.map { candidates[$0] }))
            }
        }
        groups.sort { $0.rank < $1.rank }
        let batches = groups.enumerated().map { index, group in
            Batch(number: index + 1, type: group.type, entries: group.entries)
        }

        func byRank(_ list: [Int]) -> [Candidate] {
            list.sorted { rank[$0] < rank[$1] }.map { candidates[$0] }
        }
        return Plan(
            batches: batches, deferred: byRank(deferred), covered: byRank(covered),
            invalid: invalid.sorted(by: InvalidLine.sourceOrder), quota: options.quota, options: options)
    }

    /// Chooses directories in rank order up to `limit`, where a directory beneath a chosen one is covered.
    ///
    /// When a later (lower-ranked) parent is chosen, the children it covers give their slots back, and the
    /// freed slots go to the next directories in rank order, until nothing changes.
    ///
    /// - Parameters:
    ///   - ranked: positions in `candidates` of the directory entries, best first.
    /// - Returns: positions in `candidates`, each list in rank order.
    static func selectDirectories(_ ranked: [Int], of candidates: [Candidate], limit: Int)
        -> (selected: [Int], covered: [Int], deferred: [Int])
    {
        enum State { case pending, selected, covered, deferred }
        var states = [State](repeating: .pending, count: ranked.count)
        var selectedURLs: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for position in ranked.indices where states[position] == .pending {
                let url = candidates[ranked[position]].url
                if isCovered(url, by: selectedURLs) {
                    states[position] = .covered
                } else if selectedURLs.count < limit {
                    states[position] = .selected
                    selectedURLs.insert(url)
                } else {
                    states[position] = .deferred
                }
            }
            for position in ranked.indices where states[position] == .selected {
                let url = candidates[ranked[position]].url
                if isCovered(url, by: selectedURLs) {
                    states[position] = .covered
                    selectedURLs.remove(url)
                    changed = true
                }
            }
            if changed {
                for position in ranked.indices where states[position] == .deferred { states[position] = .pending }
            }
        }
        var result: (selected: [Int], covered: [Int], deferred: [Int]) = ([], [], [])
        for (position, index) in ranked.enumerated() {
            switch states[position] {
            case .selected: result.selected.append(index)
            case .covered: result.covered.append(index)
            case .deferred, .pending: result.deferred.append(index)
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
