import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

@Suite("Prefetch after the refresh (virtual time)")
struct PrefetchTests {
    let clock = VirtualClock()
    let urls = (0..<250).map { "https://www.example.com/\($0).png" }

    func prefetch(_ api: FakePushAPI, reserve: Int = 0) async -> [String: PrefetchOutcome] {
        let caller = APICaller(
            limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 50)), clock: clock,
            retry: RetryPolicy(maxAttempts: 4, baseDelay: 2), jitter: { 1 })
        return await Prefetch(
            options: PrefetchOptions(sample: .all, reserve: reserve, pollIntervalSeconds: 5), api: api,
            caller: caller, clock: clock
        ).run(urls)
    }

    @Test("pushed in requests of at most 100, in the order given; then waited for until Complete")
    func pushesAndWaits() async {
        let api = FakePushAPI(preloadRemain: 1000, clock: clock)
        let outcomes = await prefetch(api)
        let pushes = api.state.withLock { $0.pushes }
        #expect(pushes.map(\.urls.count) == [100, 100, 50])
        #expect(pushes.flatMap(\.urls) == urls)
        #expect(outcomes.count == 250 && outcomes.values.allSatisfy { $0.status == .complete && !$0.taskID.isEmpty })
        #expect(outcomes[urls[0]]?.taskID == "101" && outcomes[urls[249]]?.taskID == "103")
    }

    @Test("PreloadQueueFull is retried with backoff, on the same limiter; nothing is pushed twice")
    func queueFullRetried() async {
        let api = FakePushAPI(preloadRemain: 1000, script: ["PreloadQueueFull", "PreloadQueueFull"], clock: clock)
        let start = clock.now
        let outcomes = await prefetch(api)
        let pushes = api.state.withLock { $0.pushes }
        #expect(pushes.flatMap(\.urls) == urls)
        #expect(pushes[0].time - start >= 2)  // backed off before the accepted attempt
        #expect(outcomes.values.allSatisfy { $0.status == .complete })
    }

    @Test("the prefetch quota left, less the reserve, bounds what is pushed; the rest is deferred")
    func quotaShort() async {
        let api = FakePushAPI(preloadRemain: 130, clock: clock)
        let outcomes = await prefetch(api, reserve: 10)
        #expect(api.state.withLock { $0.pushes.flatMap(\.urls) } == Array(urls.prefix(120)))
        let deferred = urls.filter { outcomes[$0]?.status == .deferred }
        #expect(deferred == Array(urls.dropFirst(120)))
        #expect(outcomes[urls[200]]?.message.contains("prefetch quota left today (120 after the reserve)") == true)
    }

    @Test("QuotaExceeded.Preload stops prefetching: that request and the rest are deferred")
    func quotaExceededStops() async {
        let api = FakePushAPI(preloadRemain: 1000, script: [nil, "QuotaExceeded.Preload"], clock: clock)
        let outcomes = await prefetch(api)
        #expect(api.state.withLock { $0.pushes.count } == 1)
        #expect(urls.prefix(100).allSatisfy { outcomes[$0]?.status == .complete })
        #expect(urls.dropFirst(100).allSatisfy { outcomes[$0]?.status == .deferred })
        #expect(outcomes[urls[249]]?.message == "not prefetched: QuotaExceeded.Preload")
    }
}
