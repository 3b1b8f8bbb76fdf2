/// `--prefetch`, `--reserve-prefetch`, `--prefetch-area` (DESIGN §6).
public struct PrefetchOptions: Sendable, Equatable {
    /// How many refreshed URLs to push, hottest first.
    public var sample: SampleSize
    /// Prefetch quota held back (for an incident later in the day).
    public var reserve: Int
    /// `domestic` or `overseas`; `nil`: the API's default.
    public var area: String?
    /// Whether to wait for the prefetch tasks (`--wait`, with its timeout and poll interval).
    public var wait: Bool
    public var waitTimeoutSeconds: Double
    public var pollIntervalSeconds: Double

    /// URLs per `PushObjectCache` request (the API's limit).
    public static let batchSize = 100

    public init(
        sample: SampleSize, reserve: Int = 0, area: String? = nil, wait: Bool = true, waitTimeoutSeconds: Double = 900,
        pollIntervalSeconds: Double = 5
    ) {
        self.sample = sample
        self.reserve = reserve
        self.area = area
        self.wait = wait
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }
}

/// What happened to one URL's prefetch: the report's `prefetch` and `prefetch_task_id` columns.
public struct PrefetchOutcome: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case submitted, complete, failed, deferred
    }

    public var status: Status
    public var taskID = ""
    /// Why it was deferred or failed.
    public var message = ""

    public init(status: Status, taskID: String = "", message: String = "") {
        self.status = status
        self.taskID = taskID
        self.message = message
    }
}
