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

/// The last `limit` start times of one stream of calls.
struct StartHistory: Sendable {
    let limit: Int
    let spacing: Double
    private var starts: [Double] = []
    private var oldest = 0

    init(limit: Int, guardSeconds: Double) {
        self.limit = limit
        self.spacing = (1 + guardSeconds) / Double(limit)
        starts.reserveCapacity(limit)
    }

    /// No earlier than one spacing after the last start, nor before the `limit`-th last start leaves the window.
    var earliestStart: Double {
        guard let last = starts.isEmpty ? nil : starts[(oldest + starts.count - 1) % starts.count] else {
            return -.infinity
        }
        let spaced = last + spacing
        guard starts.count == limit else { return spaced }
        return max(spaced, starts[oldest] + 1)
    }

    mutating func record(_ time: Double) {
        if starts.count < limit {
            starts.append(time)
        } else {
            starts[oldest] = time
            oldest = (oldest + 1) % limit
        }
    }
}
