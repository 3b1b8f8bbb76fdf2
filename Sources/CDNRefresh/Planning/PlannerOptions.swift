/// How the planner ranks, trims, collapses and packs: what the operator chose, apart from the quota.
///
/// From `--reserve-*`, `--batch-size`, `--priority-rule`, `--collapse*` and `--force`; part of a
/// ``PipelineConfiguration``. The quota is not an option: each run resolves it (``QuotaRequest``) and hands it to the
/// planner beside these.
package struct PlannerOptions: Sendable, Equatable {
    /// The largest number of URLs one request may carry.
    package static let maxBatchSize = 1000
    /// The largest number of directories one request may carry.
    package static let maxDirectoriesPerRequest = 100
    /// The largest number of distinct domains one request may name.
    package static let maxDomainsPerRequest = 10

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
    /// `--force`: Directory, Regex and IgnoreParams requests delete what they match instead of marking it expired.
    package var force: Bool
    /// Pack each request with one domain only: domains are paced to different per-minute limits, and a request
    /// whose domains wait on different windows would wait for the slowest.
    package var separateDomains = false

    package init(
        reserveURLs: Int = 0,
        reserveDirectories: Int = 0,
        reserveIgnoreParams: Int = 0,
        batchSize: Int = PlannerOptions.maxBatchSize,
        priorityRules: [PriorityRule] = [],
        collapse: CollapseOptions = CollapseOptions(),
        force: Bool = false
    ) {
        self.force = force
        self.reserveURLs = reserveURLs
        self.reserveDirectories = reserveDirectories
        self.reserveIgnoreParams = reserveIgnoreParams
        self.batchSize = batchSize
        self.priorityRules = priorityRules
        self.collapse = collapse
    }

    /// How many entries of `type` may be selected from `quota`: the remaining quota minus the reserve, never negative.
    package func limit(for type: EntryType, in quota: RefreshQuota) -> Int {
        switch type {
        case .file: max(0, quota.urls - reserveURLs)
        case .directory: max(0, quota.directories - reserveDirectories)
        case .regex: max(0, quota.regex)
        case .ignoreparams: max(0, quota.ignoreParams - reserveIgnoreParams)
        }
    }

    /// Whether requests of `type` carry `Force=true`: with `--force`, every type but File (the API ignores it there).
    package func forces(_ type: EntryType) -> Bool {
        force && type != .file
    }

    /// How many distinct domains one request may name.
    package var domainsPerRequest: Int { separateDomains ? 1 : Self.maxDomainsPerRequest }

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
