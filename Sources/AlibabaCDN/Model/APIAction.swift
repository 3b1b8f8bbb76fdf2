/// The API actions this tool calls (the CDN's, and Simple Log Service's GetLogs), with the call rates Alibaba
/// documents for them.
package enum APIAction: String, Sendable, CaseIterable, Hashable {
    case refreshObjectCaches = "RefreshObjectCaches"
    case pushObjectCache = "PushObjectCache"
    case describeRefreshQuota = "DescribeRefreshQuota"
    case describeRefreshTasks = "DescribeRefreshTasks"
    case describeRefreshTaskByID = "DescribeRefreshTaskById"
    case describeCdnDomainLogs = "DescribeCdnDomainLogs"
    /// Simple Log Service's query (GetLogsV2), for `sls:` inputs: not an RPC action of the CDN API.
    case getLogs = "GetLogs"

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
        // SLS documents no calls-per-second limit for queries, only 15 SQL queries at once per project; a run has
        // at most two pages in flight, and throttling (`QpsLimit`, `ReadQuotaExceed`) is retried with backoff.
        case .getLogs: 50
        }
    }

    /// Whether the action submits work (and spends quota), rather than reading.
    package var submitsWork: Bool { self == .refreshObjectCaches || self == .pushObjectCache }
}
