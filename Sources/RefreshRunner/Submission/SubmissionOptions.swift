/// How a run submits (`--qps`, `--concurrency`, `--max-attempts`, `--wait`, `--wait-timeout`).
package struct SubmissionOptions: Sendable, Equatable {
    /// API calls started per second, 1…50.
    package var callsPerSecond: Int
    /// Calls in flight at once.
    package var concurrency: Int
    package var retry: RetryPolicy
    package var wait: Bool
    package var waitTimeoutSeconds: Double
    /// Seconds between task polls.
    package var pollIntervalSeconds: Double
    /// `--domain-urls-per-minute`: the limit of every domain; `nil`: what the state learned, else none.
    package var domainURLsPerMinute: Int?
    /// `--pace-timeout`: how long per-domain windows, full queues and throttling may hold requests back.
    package var paceTimeoutSeconds: Double = 1800
    /// The per-domain window: Alibaba's minute (shorter only in tests).
    package var paceWindowSeconds: Double = 60
    /// `--domain-limit-floor`: the lowest a learned per-domain limit may fall.
    package var domainLimitFloor = 100

    /// The rules per-domain limits are paced and learned by.
    package var pacePolicy: DomainPacer.Policy {
        DomainPacer.Policy(window: paceWindowSeconds, given: domainURLsPerMinute, floor: domainLimitFloor)
    }

    package init(
        callsPerSecond: Int = 50, concurrency: Int = 8, retry: RetryPolicy = RetryPolicy(), wait: Bool = false,
        waitTimeoutSeconds: Double = 900, pollIntervalSeconds: Double = 5
    ) {
        self.callsPerSecond = callsPerSecond
        self.concurrency = concurrency
        self.retry = retry
        self.wait = wait
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }
}
