/// The CDN API actions this tool calls, with the call rates Alibaba documents for them.
package enum APIAction: String, Sendable, CaseIterable, Hashable {
    case refreshObjectCaches = "RefreshObjectCaches"
    case pushObjectCache = "PushObjectCache"
    case describeRefreshQuota = "DescribeRefreshQuota"
    case describeRefreshTasks = "DescribeRefreshTasks"
    case describeRefreshTaskByID = "DescribeRefreshTaskById"

    /// Calls per second per account that Alibaba documents for the action (`reference/alibaba-cdn-api.md`).
    ///
    /// Refresh and push share the account's 50; a run's `--qps` may lower that, never raise it.
    package var documentedCallLimit: Int {
        switch self {
        case .refreshObjectCaches, .pushObjectCache: 50
        case .describeRefreshQuota: 20
        case .describeRefreshTasks: 10
        case .describeRefreshTaskByID: 30
        }
    }

    /// Whether the action submits work (and spends quota), rather than reading.
    package var submitsWork: Bool { self == .refreshObjectCaches || self == .pushObjectCache }
}

/// The status of a refresh or prefetch task.
package enum TaskStatus: String, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case refreshing = "Refreshing"
    case complete = "Complete"
    case failed = "Failed"

    /// Whether the task has finished (`Complete` or `Failed`).
    package var isFinished: Bool { self == .complete || self == .failed }
}
