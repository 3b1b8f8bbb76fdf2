/// What the planner alone decides with: how candidates are ranked, trimmed, collapsed and packed.
///
/// From `--quota-*`, `--reserve-*`, `--batch-size`, `--priority-rule` and `--collapse*`; part of a
/// ``PipelineConfiguration``.
package struct PlannerOptions: Sendable, Equatable {
    /// The largest number of URLs one request may carry.
    package static let maxBatchSize = 1000
    /// The largest number of directories one request may carry.
    package static let maxDirectoriesPerRequest = 100
    /// The largest number of distinct domains one request may name.
    package static let maxDomainsPerRequest = 10

    /// Remaining quota to plan with.
    package var quota: RefreshQuota
    /// URL quota held back for incidents.
    package var reserveURLs: Int
    /// Directory quota held back for incidents.
    package var reserveDirectories: Int
    /// IgnoreParams quota held back for incidents.
    package var reserveIgnoreParams: Int
    /// URLs per request, 1…1000.
    package var batchSize: Int
    package var priorityRules: [PriorityRule]
    /// Whether and how far files the URL budget cannot take are collapsed (`--collapse*`).
    package var collapse: CollapseOptions

    package init(
        quota: RefreshQuota = .documentedDefaults,
        reserveURLs: Int = 0,
        reserveDirectories: Int = 0,
        reserveIgnoreParams: Int = 0,
        batchSize: Int = PlannerOptions.maxBatchSize,
        priorityRules: [PriorityRule] = [],
        collapse: CollapseOptions = CollapseOptions()
    ) {
        self.quota = quota
        self.reserveURLs = reserveURLs
        self.reserveDirectories = reserveDirectories
        self.reserveIgnoreParams = reserveIgnoreParams
        self.batchSize = batchSize
        self.priorityRules = priorityRules
        self.collapse = collapse
    }

    /// How many entries of `type` may be selected: the remaining quota minus the reserve, never negative.
    package func limit(for type: EntryType) -> Int {
        switch type {
        case .file: max(0, quota.urls - reserveURLs)
        case .directory: max(0, quota.directories - reserveDirectories)
        case .regex: max(0, quota.regex)
        case .ignoreparams: max(0, quota.ignoreParams - reserveIgnoreParams)
        }
    }

    /// How many entries of `type` fit in one request.
    package func capacity(for type: EntryType) -> Int {
        switch type {
        case .file, .ignoreparams: min(batchSize, Self.maxBatchSize)
        case .directory: min(batchSize, Self.maxDirectoriesPerRequest)
        case .regex: 1
        }
    }
}

extension PlannerOptions {
    /// The highest `--priority-rule` weight matching `url` (0 without rules or a match).
    package func ruleWeight(of url: String) -> Int {
        PriorityRule.weight(of: url, rules: priorityRules)
    }
}
