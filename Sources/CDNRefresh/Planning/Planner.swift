/// Turns the candidates of a run into a plan: rank, cover, trim to quota, collapse, pack (DESIGN §5).
///
/// A pure function of its inputs: the same candidates and options always give the same plan.
package enum Planner {
    /// Plans `candidates` (already merged, in order of first appearance).
    ///
    /// Ranks positions, not values: the sort moves integers, and each entry is copied once, into the list it
    /// ends up in. Explicit directories take the directory budget first and cover what lies beneath them; then,
    /// when the file entries left exceed the URL budget and collapsing is on, directories and query groups cover
    /// as many of them as the other pools allow (see ``DirectoryChoice`` and ``QueryVariantChoice``); the URL
    /// budget goes to the best-ranked files left, and the rest is deferred.
    ///
    /// - Parameters:
    ///   - candidates: distinct entries; their `hits` are taken as given.
    ///   - invalid: lines that could not be used, passed through to the plan.
    ///   - quota: the quota left today (before the reserves).
    ///   - options: reserves, batch size, priority rules, collapsing and `--force`.
    ///   - reads: what the inputs read beneath each directory (the collapse ratio's denominator).
    package static func plan(
        candidates: [Candidate], invalid: [InvalidLine], quota: RefreshQuota, options: PlannerOptions,
        reads: ReadStatistics = .none
    ) -> Plan {
        var work = Work(candidates: candidates, quota: quota, options: options)
        work.selectExplicitEntries()
        let collapse = options.collapse.mode == .auto ? work.collapse(reads: reads) : nil
        work.selectFiles()
        return work.plan(invalid: invalid, collapse: collapse)
    }
}

extension Planner {
    /// The planner's state: the candidates, the entries collapsing made, their ranks, and the lists of positions
    /// each ends up in.
    ///
    /// Once ranked, the candidates are never written to: the caller usually still holds them, and a write would
    /// copy the whole array. What the plan adds to an entry (its covering entry) and the entries it adds live beside it.
    struct Work {
        let candidates: [Candidate]
        /// Entries made by collapsing; position `candidates.count + i` is `collapsedEntries[i]`.
        var collapsedEntries: [Candidate] = []
        /// The entry that covers each covered position.
        var coveredBy: [Int: String] = [:]
        /// The rank of each position (0 = best); a collapsed entry takes the rank of its best file.
        var rank: [Int]
        /// Positions in rank order.
        let order: [Int]
        let quota: RefreshQuota
        let options: PlannerOptions
        var selected: [EntryType: [Int]] = [:]
        var covered: [Int] = []
        var deferred: [Int] = []
        /// File entries still to place, in rank order.
        var pendingFiles: [Int] = []

        init(candidates: [Candidate], quota: RefreshQuota, options: PlannerOptions) {
            var candidates = candidates
            if !options.priorityRules.isEmpty {
                for index in candidates.indices {
                    candidates[index].ruleWeight = PriorityRule.weight(
                        of: candidates[index].url, rules: options.priorityRules)
                }
            }
            order = Ranking.order(candidates)
            var rank = [Int](repeating: 0, count: candidates.count)
            for (position, index) in order.enumerated() { rank[index] = position }
            self.candidates = candidates
            self.rank = rank
            self.quota = quota
            self.options = options
        }

        /// Explicit directories first (a selected one covers what lies beneath it), then IgnoreParams and regex
        /// entries within their budgets; files wait in ``pendingFiles``.
        mutating func selectExplicitEntries() {
            let directories = order.filter { candidates[$0].type == .directory }
            let outcome = Planner.selectDirectories(
                directories, of: candidates, limit: limit(for: .directory))
            selected[.directory] = outcome.selected
            deferred += outcome.deferred
            let covering = Set(outcome.selected.map { candidates[$0].url })
            for index in outcome.covered { cover(index, by: covering) }
            var chosen: [EntryType: [Int]] = [.ignoreparams: [], .regex: []]
            for index in order {
                let type = candidates[index].type
                if type == .file {
                    if Planner.isCovered(candidates[index].url, by: covering) {
                        cover(index, by: covering)
                    } else {
                        pendingFiles.append(index)
                    }
                } else if type == .ignoreparams || type == .regex {
                    if type == .ignoreparams && Planner.isCovered(candidates[index].url, by: covering) {
                        cover(index, by: covering)
                    } else if chosen[type, default: []].count < limit(for: type) {
                        chosen[type, default: []].append(index)
                    } else {
                        deferred.append(index)
                    }
                }
            }
            selected[.ignoreparams] = chosen[.ignoreparams]
            selected[.regex] = chosen[.regex]
        }

        /// The URL budget for the best-ranked files left; the rest is deferred.
        mutating func selectFiles() {
            let budget = limit(for: .file)
            selected[.file] = Array(pendingFiles.prefix(budget))
            deferred += pendingFiles.dropFirst(budget)
            pendingFiles = []
        }

        /// How many entries of `type` the quota and the reserve allow.
        func limit(for type: EntryType) -> Int {
            options.limit(for: type, in: quota)
        }

        /// The URL at `position`.
        func url(of position: Int) -> String {
            position < candidates.count
                ? candidates[position].url : collapsedEntries[position - candidates.count].url
        }

        /// The entry at `position` as the plan reports it.
        func entry(_ position: Int) -> Candidate {
            var entry =
                position < candidates.count ? candidates[position] : collapsedEntries[position - candidates.count]
            if let covering = coveredBy[position] { entry.coveredBy = covering }
            return entry
        }

        /// Marks `index` covered by its nearest ancestor among `directories`.
        mutating func cover(_ index: Int, by directories: Set<String>) {
            let ancestors = CanonicalURL.ancestorDirectories(of: url(of: index))
            coveredBy[index] = ancestors.last { directories.contains(String($0)) }.map(String.init)
            covered.append(index)
        }

        /// Marks `index` covered by the entry `url`.
        mutating func cover(_ index: Int, byURL url: String) {
            coveredBy[index] = url
            covered.append(index)
        }

        /// The plan: each type packed into requests, all requests ordered by their best entry.
        func plan(invalid: [InvalidLine], collapse: CollapseSummary?) -> Plan {
            var groups: [(rank: Int, type: EntryType, entries: [Candidate])] = []
            for type in EntryType.allCases {
                let entries = (selected[type] ?? []).sorted { rank[$0] < rank[$1] }
                let packed = BatchPacker.pack(
                    entries, capacity: options.capacity(for: type), maxDomains: options.domainsPerRequest
                ) {
                    CanonicalURL.domain(of: url(of: $0))
                }
                for positions in packed {
                    groups.append((rank[positions[0]], type, positions.map(entry)))
                }
            }
            groups.sort { $0.rank < $1.rank }
            let batches = groups.enumerated().map { index, group in
                Batch(
                    number: index + 1, type: group.type, entries: group.entries, force: options.forces(group.type))
            }
            func byRank(_ list: [Int]) -> [Candidate] {
                list.sorted { rank[$0] < rank[$1] }.map(entry)
            }
            var plan = Plan(
                batches: batches, deferred: byRank(deferred), covered: byRank(covered),
                invalid: invalid.sorted(by: InvalidLine.sourceOrder), quota: quota, options: options)
            plan.collapse = collapse
            return plan
        }
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
