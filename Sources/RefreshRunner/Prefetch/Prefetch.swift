import AlibabaCDN
import CDNRefresh
import Foundation

/// The prefetch phase: after the refresh tasks complete, push the hottest refreshed URLs back into the edge caches
/// with `PushObjectCache`, so the morning's first requests do not all go to the origin.
///
/// Only URLs whose refresh is `Complete` (pushing earlier would pull the stale copy back). At most 100 URLs and 10
/// domains per request, within `PreloadRemain − reserve`, through the run's one rate limiter. `PreloadQueueFull`
/// is retried with backoff (``APICaller``); `QuotaExceeded.Preload` stops prefetching and the rest is `deferred`.
/// With `wait`, the prefetch tasks are polled like refresh tasks.
struct Prefetch {
    /// What the journal is told: a request is about to go out; URLs are done (accepted, failed or deferred).
    enum Event {
        case sending([String])
        case finished([String])
    }

    let options: PrefetchOptions
    let api: any RefreshAPI
    let caller: APICaller
    let clock: any RunnerClock
    var record: (Event) -> Void = { _ in }

    /// Pushes `urls` (best first) and returns each one's outcome.
    func run(_ urls: [String]) async -> [String: PrefetchOutcome] {
        guard !urls.isEmpty else { return [:] }
        var outcomes: [String: PrefetchOutcome] = [:]
        let budget: Int
        let api = self.api
        do {
            let quota = try await caller.call(.describeRefreshQuota) { () async throws(APICallError) in
                try await api.describeRefreshQuota()
            }
            budget = max(0, quota.preloadRemain - options.reserve)
        } catch {
            for url in urls {
                outcomes[url] = PrefetchOutcome(
                    status: .deferred, message: "not prefetched: cannot read the prefetch quota (\(error.code))")
            }
            return outcomes
        }
        let (batches, overBudget) = Self.batches(urls, budget: budget)
        record(.finished(overBudget))
        for url in overBudget {
            outcomes[url] = PrefetchOutcome(
                status: .deferred,
                message: "not prefetched: the prefetch quota left today (\(budget) after the reserve) is spent")
        }
        var stopped: APICallError?
        var tasks: [String: [String]] = [:]  // task ID → URLs
        for batch in batches {
            if let stopped {
                for url in batch {
                    outcomes[url] = PrefetchOutcome(status: .deferred, message: "not prefetched: \(stopped.code)")
                }
                record(.finished(batch))
                continue
            }
            let path = batch.joined(separator: "\n")
            let area = options.area
            record(.sending(batch))
            defer { record(.finished(batch)) }
            do {
                let answer = try await caller.call(.pushObjectCache) { () async throws(APICallError) in
                    try await api.pushObjectCache(objectPath: path, area: area)
                }
                for (url, task) in Self.assign(answer.taskIDs, to: batch) {
                    outcomes[url] = PrefetchOutcome(status: .submitted, taskID: task)
                    tasks[task, default: []].append(url)
                }
            } catch {
                if error.classification == .quota || error.classification == .authentication {
                    stopped = error
                    for url in batch {
                        outcomes[url] = PrefetchOutcome(status: .deferred, message: "not prefetched: \(error.code)")
                    }
                } else {
                    for url in batch {
                        outcomes[url] = PrefetchOutcome(
                            status: .failed, message: "prefetch failed: \(error.code): \(error.message)")
                    }
                }
            }
        }
        if options.wait { await waitFor(tasks, outcomes: &outcomes) }
        return outcomes
    }

    /// Batches of at most 100 URLs and 10 domains, within `budget` URLs; the rest is over the budget.
    static func batches(_ urls: [String], budget: Int) -> (batches: [[String]], overBudget: [String]) {
        let taken = Array(urls.prefix(max(0, budget)))
        var batches: [[String]] = []
        var current: [String] = []
        var domains: Set<String> = []
        for url in taken {
            let domain = URLComponents(string: url)?.host ?? ""
            if current.count == PrefetchOptions.batchSize
                || (!domains.contains(domain) && domains.count == PlannerOptions.maxDomainsPerRequest)
            {
                batches.append(current)
                current = []
                domains = []
            }
            current.append(url)
            domains.insert(domain)
        }
        if !current.isEmpty { batches.append(current) }
        return (batches, Array(urls.dropFirst(taken.count)))
    }

    /// One task per domain, in order of first appearance; otherwise every task for every URL.
    static func assign(_ taskIDs: [String], to urls: [String]) -> [(String, String)] {
        var domains: [String] = []
        for url in urls {
            let domain = URLComponents(string: url)?.host ?? ""
            if !domains.contains(domain) { domains.append(domain) }
        }
        guard taskIDs.count == domains.count else {
            return urls.map { ($0, taskIDs.joined(separator: ",")) }
        }
        let byDomain = Dictionary(uniqueKeysWithValues: zip(domains, taskIDs))
        return urls.map { ($0, byDomain[URLComponents(string: $0)?.host ?? ""] ?? "") }
    }

    /// Polls the prefetch tasks (10 IDs a call) until each is `Complete` or `Failed`, or the wait times out.
    private func waitFor(_ tasks: [String: [String]], outcomes: inout [String: PrefetchOutcome]) async {
        var open = Array(tasks.keys).sorted()
        let deadline = clock.now + options.waitTimeoutSeconds
        let api = self.api
        while !open.isEmpty && clock.now < deadline {
            await clock.sleep(until: min(deadline, clock.now + options.pollIntervalSeconds))
            var stillOpen: [String] = []
            for start in stride(from: 0, to: open.count, by: 10) {
                let chunk = Array(open[start..<min(open.count, start + 10)])
                guard
                    let answer = try? await caller.call(
                        .describeRefreshTaskByID,
                        {
                            () async throws(APICallError) in try await api.describeRefreshTaskByID(chunk)
                        })
                else {
                    stillOpen += chunk
                    continue
                }
                for id in chunk {
                    let states = answer.tasks.filter { $0.taskID == id }
                    guard !states.isEmpty, states.allSatisfy(\.isFinished) else {
                        stillOpen.append(id)
                        continue
                    }
                    let failed = states.contains { $0.taskStatus == .failed }
                    for url in tasks[id] ?? [] {
                        outcomes[url]?.status = failed ? .failed : .complete
                        if failed { outcomes[url]?.message = "the prefetch task failed" }
                    }
                }
            }
            open = stillOpen
        }
    }
}
