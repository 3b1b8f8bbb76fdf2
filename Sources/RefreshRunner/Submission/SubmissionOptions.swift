/// How a run submits (`--qps`, `--concurrency`, `--max-attempts`, `--wait`, `--wait-timeout`).
public struct SubmissionOptions: Sendable, Equatable {
    /// API calls started per second, 1…50.
    public var callsPerSecond: Int
    /// Calls in flight at once.
    public var concurrency: Int
    public var retry: RetryPolicy
    public var wait: Bool
    public var waitTimeoutSeconds: Double
    /// Seconds between task polls.
    public var pollIntervalSeconds: Double
    /// `--force`: `Force=true` with Directory, Regex and IgnoreParams refreshes.
    public var force: Bool

    public init(
        callsPerSecond: Int = 50, concurrency: Int = 8, retry: RetryPolicy = RetryPolicy(), wait: Bool = false,
        waitTimeoutSeconds: Double = 900, pollIntervalSeconds: Double = 5, force: Bool = false
    ) {
        self.force = force
        self.callsPerSecond = callsPerSecond
        self.concurrency = concurrency
        self.retry = retry
        self.wait = wait
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }
}
