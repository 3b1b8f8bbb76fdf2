import AlibabaCDN
import Testing

@testable import RefreshRunner

/// The most starts in any half-open one-second window.
func busiestSecond(_ starts: [Double]) -> Int {
    let sorted = starts.sorted()
    var best = 0
    var low = 0
    for high in sorted.indices {
        while sorted[high] - sorted[low] >= 1 { low += 1 }
        best = max(best, high - low + 1)
    }
    return best
}

@Suite("Rate limiter (injected time)")
struct RateLimiterTests {
    /// Callers that each start as soon as the limiter allows, asking again exactly when told.
    func saturate(_ limiter: inout RateLimiter, action: APIAction, calls: Int, lateness: (Int) -> Double = { _ in 0 })
        -> [Double]
    {
        var now = 0.0
        var starts: [Double] = []
        for call in 0..<calls {
            while let retryAt = limiter.tryAcquire(action: action, now: now) {
                now = retryAt + lateness(call)
            }
            starts.append(now)
        }
        return starts
    }

    @Test("a burst of demand never puts more than qps starts in any one-second window", arguments: [1, 7, 50])
    func burst(qps: Int) {
        var limiter = RateLimiter(callsPerSecond: qps)
        let starts = saturate(&limiter, action: .refreshObjectCaches, calls: qps * 6)
        #expect(busiestSecond(starts) <= qps)
        // Evenly spaced: no two starts closer than the spacing, so there is no burst at all.
        let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= 1.05 / Double(qps) - 1e-9 })
        // Saturated throughput stays close to the limit: qps / 1.05.
        let achieved = Double(starts.count - 1) / (starts.last! - starts.first!)
        #expect(achieved >= 0.9 * Double(qps))
    }

    @Test("late timers cannot squeeze extra starts into a window")
    func lateTimers() {
        var limiter = RateLimiter(callsPerSecond: 10, guardSeconds: 0)
        var now = 0.0
        var starts: [Double] = []
        // Most callers wake 0.4 s late, then some on time: the window rule still holds on real start times.
        for call in 0..<200 {
            while let retryAt = limiter.tryAcquire(action: .refreshObjectCaches, now: now) {
                now = retryAt + (call % 3 == 0 ? 0.4 : 0)
            }
            starts.append(now)
            if call % 25 == 0 { now += 0.9 }
        }
        #expect(busiestSecond(starts) <= 10)
    }

    @Test("each action keeps its own documented limit under the shared one")
    func actionLimits() {
        var limiter = RateLimiter(callsPerSecond: 50)
        var now = 0.0
        var lookups: [Double] = []
        var refreshes: [Double] = []
        var all: [Double] = []
        for call in 0..<600 {
            let action = call % 2 == 0 ? APIAction.describeRefreshTasks : .refreshObjectCaches
            while let retryAt = limiter.tryAcquire(action: action, now: now) { now = retryAt }
            all.append(now)
            if action == .describeRefreshTasks { lookups.append(now) } else { refreshes.append(now) }
        }
        #expect(busiestSecond(lookups) <= 10)
        #expect(busiestSecond(all) <= 50)
        #expect(busiestSecond(refreshes) <= 50)
    }

    @Test("idle time is not saved up into a burst")
    func noCredit() {
        var limiter = RateLimiter(callsPerSecond: 5)
        _ = saturate(&limiter, action: .refreshObjectCaches, calls: 5)
        var now = 100.0
        var starts: [Double] = []
        for _ in 0..<20 {
            while let retryAt = limiter.tryAcquire(action: .refreshObjectCaches, now: now) { now = retryAt }
            starts.append(now)
        }
        #expect(busiestSecond(starts) <= 5)
        #expect(starts.first == 100)
    }
}
