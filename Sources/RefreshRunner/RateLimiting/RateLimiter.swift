import AlibabaCDN

/// One rate limiter for every API call of a run: no one-second window holds more than `callsPerSecond` call
/// starts, nor more than an action's own limit.
///
/// Starts are spaced at least `(1 s + guard) / limit` apart — evenly, never in a burst — and the last `limit`
/// starts are remembered, so the invariant holds for the times calls really start, however late a timer
/// fires. The guard (50 ms by default) absorbs network jitter, so calls that left in time also arrive in time.
/// Times are seconds on a monotonic clock; the limiter itself never sleeps.
package struct RateLimiter: Sendable {
    /// The per-second limits Alibaba documents for each action (``APIAction/documentedCallLimit``).
    package static let documentedActionLimits = Dictionary(
        uniqueKeysWithValues: APIAction.allCases.map { ($0, $0.documentedCallLimit) })

    package let callsPerSecond: Int
    package let actionLimits: [APIAction: Int]
    package let guardSeconds: Double

    private var global: StartHistory
    private var perAction: [APIAction: StartHistory] = [:]

    package init(
        callsPerSecond: Int, actionLimits: [APIAction: Int] = RateLimiter.documentedActionLimits,
        guardSeconds: Double = 0.05
    ) {
        precondition(callsPerSecond > 0, "the rate must be positive")
        self.callsPerSecond = callsPerSecond
        self.actionLimits = actionLimits
        self.guardSeconds = guardSeconds
        self.global = StartHistory(limit: callsPerSecond, guardSeconds: guardSeconds)
    }

    /// Records a start of `action` at `now` if allowed and returns `nil`; otherwise returns the earliest time to
    /// ask again (nothing is recorded).
    package mutating func tryAcquire(action: APIAction, now: Double) -> Double? {
        let limit = min(callsPerSecond, actionLimits[action] ?? callsPerSecond)
        var history = perAction[action] ?? StartHistory(limit: limit, guardSeconds: guardSeconds)
        let earliest = max(global.earliestStart, history.earliestStart)
        if now < earliest { return earliest }
        global.record(now)
        history.record(now)
        perAction[action] = history
        return nil
    }
}
