import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

/// Virtual time: sleeping moves the clock at once.
final class VirtualClock: RunnerClock {
    private let time = Mutex(1000.0)
    var now: Double { time.withLock { $0 } }
    var wallNow: Date { Date(timeIntervalSince1970: 1_800_000_000 + now) }
    func sleep(until deadline: Double) async { time.withLock { $0 = max($0, deadline) } }
}

/// An API for prefetching: a preload quota, scripted push failures, tasks that complete on their second poll.
final class FakePushAPI: RefreshAPI {
    struct State {
        var preloadRemain: Int
        /// Answers for the next push calls, in order (`nil`: accept).
        var script: [String?] = []
        var pushes: [(time: Double, urls: [String])] = []
        var polls: [String: Int] = [:]
        var nextTask = 100
    }

    let state: Mutex<State>
    let clock: VirtualClock

    init(preloadRemain: Int, script: [String?] = [], clock: VirtualClock) {
        state = Mutex(State(preloadRemain: preloadRemain, script: script))
        self.clock = clock
    }

    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse {
        let urls = objectPath.split(separator: "\n").map(String.init)
        let now = clock.now
        let refusal: String? = state.withLock { state in
            let next = state.script.isEmpty ? nil : state.script.removeFirst()
            if next == nil { state.pushes.append((now, urls)) }
            return next
        }
        if let refusal {
            throw .api(
                APIFailure(
                    httpStatus: refusal == "PreloadQueueFull" ? 403 : 400,
                    body: APIErrorBody(code: refusal, message: refusal)))
        }
        let task = state.withLock { state in
            state.nextTask += 1
            return String(state.nextTask)
        }
        return TaskSubmissionResponse(taskIDField: task, requestID: "r")
    }

    func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse {
        let remain = state.withLock { $0.preloadRemain }
        return RefreshQuotaResponse(
            urlQuota: 2000, urlRemain: 2000, directoryQuota: 100, directoryRemain: 100, regexQuota: 20,
            regexRemain: 20, ignoreParamsQuota: 100, ignoreParamsRemain: 100, preloadQuota: 1000,
            preloadRemain: remain, requestID: "q")
    }

    func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID {
        let tasks = state.withLock { state in
            taskIDs.map { id -> [String: String] in
                state.polls[id, default: 0] += 1
                return ["TaskId": id, "ObjectPath": "", "Status": state.polls[id]! >= 2 ? "Complete" : "Refreshing"]
            }
        }
        do {
            let json = try JSONSerialization.data(withJSONObject: ["Tasks": tasks])
            return try JSONDecoder().decode(RefreshTasksByID.self, from: json)
        } catch {
            throw .unexpectedResponse(httpStatus: 200, detail: "\(error)")
        }
    }

    func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool?) async throws(APICallError)
        -> TaskSubmissionResponse
    {
        throw .api(APIFailure(httpStatus: 400, body: APIErrorBody(code: "Unexpected", message: "not in this test")))
    }

    func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage {
        throw .api(APIFailure(httpStatus: 400, body: APIErrorBody(code: "Unexpected", message: "not in this test")))
    }
}

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
