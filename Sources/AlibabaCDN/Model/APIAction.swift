/// The CDN API actions this tool calls, with the call rates Alibaba documents for them.
package enum APIAction: String, Sendable, CaseIterable, Hashable {
    case refreshObjectCaches = "RefreshObjectCaches"
    case pushObjectCache = "PushObjectCache"
    case describeRefreshQuota = "DescribeRefreshQuota"
    case describeRefreshTasks = "DescribeRefreshTasks"
    case describeRefreshTaskByID = "DescribeRefreshTaskById"
    case describeCdnDomainLogs = "DescribeCdnDomainLogs"

    /// Calls per second per account that Alibaba documents for the action (`reference/alibaba-cdn-api.md`).
    ///
    /// Refresh and push share the account's 50; a run's `--qps` may lower that, never raise it.
    package var documentedCallLimit: Int {
        switch self {
        case .refreshObjectCaches, .pushObjectCache: 50
        case .describeRefreshQuota: 20
        case .describeRefreshTasks: 10
        case .describeRefreshTaskByID: 30
        case .describeCdnDomainLogs: 100
        }
    }

    /// Whether the action submits work (and spends quota), rather than reading.
    package var submitsWork: Bool { self == .refreshObjectCaches || self == .pushObjectCache }
}
