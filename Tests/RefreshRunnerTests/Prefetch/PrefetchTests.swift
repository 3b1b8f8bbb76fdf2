import AlibabaCDN
import CDNRefresh
import Foundation
import Logging
import Synchronization
import Testing

@testable import RefreshRunner

@Suite("Prefetch after the refresh: the pushes go the way every write goes")
struct PrefetchTests {
    let urls = (0..<250).map { "https://www.example.com/\($0).png" }

    func prefetch(_ api: FakePushAPI, reserve: Int = 0, concurrency: Int = 1) async -> [String: PrefetchOutcome] {
        let limiter = SharedRateLimiter(RateLimiter(callsPerSecond: 50))
        let options = SubmissionOptions(
            callsPerSecond: 50, concurrency: concurrency, retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01),
            wait: true, pollIntervalSeconds: 0.02)
        let caller = APICaller(limiter: limiter, retry: options.retry)
        let prefetch = Prefetch(
            options: PrefetchOptions(sample: .all, reserve: reserve), api: api, caller: caller,
            submit: { batches in
                await SubmissionEngine(
                    batches: batches, operation: .prefetch(area: nil), options: options, api: api, limiter: limiter,
                    runKey: "test-prefetch", logger: Logger(label: "test")
                ).run()
            })
        return await prefetch.run(urls)
    }

    @Test("pushed in requests of at most 100, in the order given; then polled until Complete")
    func pushesAndWaits() async {
        let api = FakePushAPI(preloadRemain: 1000)
        let outcomes = await prefetch(api)
        let pushes = api.state.withLock { $0.pushes }
        #expect(pushes.map(\.urls.count) == [100, 100, 50])
        #expect(pushes.flatMap(\.urls) == urls)
        #expect(outcomes.count == 250 && outcomes.values.allSatisfy { $0.status == .complete && !$0.taskID.isEmpty })
        #expect(outcomes[urls[0]]?.taskID == "101" && outcomes[urls[249]]?.taskID == "103")
    }

    @Test("packed by the one packer: at most 10 domains a request, each URL with its domain's task")
    func domains() {
        let many = (0..<24).map { "https://d\($0 % 12).example.com:8443/\($0).png" }
        let (batches, over) = Prefetch.plan(many, budget: 1000)
        #expect(over.isEmpty)
        #expect(batches.map { $0.domains.count } == [10, 2])
        #expect(batches.flatMap(\.urls).sorted() == many.sorted())
        // host:port is the domain, as the planner packs refreshes.
        #expect(batches[0].domains.allSatisfy { $0.hasSuffix(":8443") })
    }

    @Test("PreloadQueueFull is retried with backoff, on the same limiter; nothing is pushed twice")
    func queueFullRetried() async {
        let api = FakePushAPI(preloadRemain: 1000, script: ["PreloadQueueFull", "PreloadQueueFull"])
        let outcomes = await prefetch(api)
        // Every URL accepted exactly once; a retried request may go after the ones behind it, so order is not
        // the behaviour here.
        let pushed = api.state.withLock { $0.pushes.flatMap(\.urls) }
        #expect(pushed.sorted() == urls.sorted() && Set(pushed).count == pushed.count)
        #expect(outcomes.values.allSatisfy { $0.status == .complete })
    }

    @Test("the prefetch quota left, less the reserve, bounds what is pushed; the rest is deferred")
    func quotaShort() async {
        let api = FakePushAPI(preloadRemain: 130)
        let outcomes = await prefetch(api, reserve: 10)
        #expect(api.state.withLock { $0.pushes.flatMap(\.urls) }.sorted() == Array(urls.prefix(120)).sorted())
        let deferred = urls.filter { outcomes[$0]?.status == .deferred }
        #expect(deferred == Array(urls.dropFirst(120)))
        #expect(outcomes[urls[200]]?.message.contains("prefetch quota left today (120 after the reserve)") == true)
    }

    @Test("QuotaExceeded.Preload stops prefetching: that request and the rest are deferred")
    func quotaExceededStops() async {
        let api = FakePushAPI(preloadRemain: 1000, script: [nil, "QuotaExceeded.Preload"])
        let outcomes = await prefetch(api)
        #expect(api.state.withLock { $0.pushes.count } == 1)
        #expect(urls.prefix(100).allSatisfy { outcomes[$0]?.status == .complete })
        #expect(urls.dropFirst(100).allSatisfy { outcomes[$0]?.status == .deferred })
        #expect(outcomes[urls[249]]?.message == "not prefetched: QuotaExceeded.Preload")
    }
}
