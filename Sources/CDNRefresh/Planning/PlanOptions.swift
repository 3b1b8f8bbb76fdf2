/// How candidates are ranked, trimmed and packed (`--quota-*`, `--reserve-*`, `--batch-size`,
/// `--priority-rule`).
public struct PlanOptions: Sendable, Equatable {
    /// The largest number of URLs one request may carry.
    public static let maxBatchSize = 1000
    /// The largest number of directories one request may carry.
    public static let maxDirectoriesPerRequest = 100
    /// The largest number of distinct domains one request may name.
    public static let maxDomainsPerRequest = 10

    /// Remaining quota to plan with.
    public var quota: RefreshQuota
    /// URL quota held back for incidents.
    public var reserveURLs: Int
    /// Directory quota held back for incidents.
    public var reserveDirectories: Int
    /// IgnoreParams quota held back for incidents.
    public var reserveIgnoreParams: Int
    /// URLs per request, 1…1000.
    public var batchSize: Int
    public var priorityRules: [PriorityRule]
    /// Whether and how far files the URL budget cannot take are collapsed (`--collapse*`).
    public var collapse: CollapseOptions

    public init(
        quota: RefreshQuota = .documentedDefaults,
        reserveURLs: Int = 0,
        reserveDirectories: Int = 0,
        reserveIgnoreParams: Int = 0,
        batchSize: Int = PlanOptions.maxBatchSize,
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
    public func limit(for type: EntryType) -> Int {
        switch type {
        case .file: max(0, quota.urls - reserveURLs)
        case .directory: max(0, quota.directories - reserveDirectories)
        case .regex: max(0, quota.regex)
        case .ignoreparams: max(0, quota.ignoreParams - reserveIgnoreParams)
        }
    }

    /// How many entries of `type` fit in one request.
    public func capacity(for type: EntryType) -> Int {
        switch type {
        case .file, .ignoreparams: min(batchSize, Self.maxBatchSize)
        case .directory: min(batchSize, Self.maxDirectoriesPerRequest)
        case .regex: 1
        }
    }
}
