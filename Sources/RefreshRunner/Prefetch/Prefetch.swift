import AlibabaCDN
import CDNRefresh
import Foundation

/// The prefetch phase: after the refresh tasks complete, push the hottest refreshed URLs back into the edge caches
/// with `PushObjectCache`, so the morning's first requests do not all go to the origin.
///
/// Only URLs whose refresh is `Complete` (pushing earlier would pull the stale copy back), within
/// `PreloadRemain − reserve`. The pushes go the way every write goes (``submit``): packed by the one packer (at most
/// 100 URLs and 10 domains a request), journaled, sent through the run's rate limiter with its retries
/// (`PreloadQueueFull` is retried), stopped by `QuotaExceeded.Preload` (the rest is `deferred`), and polled until
/// their tasks finish.
struct Prefetch {
    let options: PrefetchOptions
    let api: any RefreshAPI
    /// Reads the prefetch quota, through the run's limiter.
    let caller: APICaller
    /// Sends prefetch batches as every write is sent, and says what happened to each URL.
    let submit: @Sendable ([Batch]) async -> SubmissionResult

    /// Pushes `urls` (best first) and returns each one's outcome.
    func run(_ urls: [String]) async -> [String: PrefetchOutcome] {
        guard !urls.isEmpty else { return [:] }
        let api = self.api
        let budget: Int
        do {
            let quota = try await caller.call(.describeRefreshQuota) { () async throws(APICallError) in
                try await api.describeRefreshQuota()
            }
            budget = max(0, quota.preloadRemain - options.reserve)
        } catch {
            let outcome = PrefetchOutcome(
                status: .deferred, message: "not prefetched: cannot read the prefetch quota (\(error.code))")
            return Dictionary(uniqueKeysWithValues: urls.map { ($0, outcome) })
        }
        let (batches, overBudget) = Self.plan(urls, budget: budget)
        var outcomes: [String: PrefetchOutcome] = [:]
        for url in overBudget {
            outcomes[url] = PrefetchOutcome(
                status: .deferred,
                message: "not prefetched: the prefetch quota left today (\(budget) after the reserve) is spent")
        }
        for entry in await submit(batches).entries {
            outcomes[entry.candidate.url] = Self.outcome(of: entry.outcome)
        }
        return outcomes
    }

    /// Requests for the first `budget` URLs, packed as every write is; the URLs beyond the budget.
    static func plan(_ urls: [String], budget: Int) -> (batches: [Batch], overBudget: [String]) {
        let taken = urls.prefix(max(0, budget))
        let candidates = taken.enumerated().map { index, url in
            Candidate(
                url: url, type: .file, source: .recorded(""), occurrences: 0,
                appearance: Appearance(group: 0, ordinal: index))
        }
        let batches = BatchPacker.batches(candidates, type: .file, capacity: PrefetchOptions.batchSize)
        return (batches, Array(urls.dropFirst(taken.count)))
    }

    /// What a URL's prefetch came to, from what the submission did with it.
    static func outcome(of outcome: EntryOutcome) -> PrefetchOutcome {
        let task = outcome.taskIDs.joined(separator: ",")
        switch outcome.status {
        case .complete:
            return PrefetchOutcome(status: .complete, taskID: task)
        case .submitted:
            return PrefetchOutcome(status: .submitted, taskID: task)
        case .failed where outcome.taskStatus == TaskStatus.failed.rawValue:
            return PrefetchOutcome(status: .failed, taskID: task, message: "the prefetch task failed")
        case .failed:
            return PrefetchOutcome(
                status: .failed, message: "prefetch failed: \(outcome.errorCode): \(outcome.errorMessage)")
        case .deferred, .pending:
            return PrefetchOutcome(status: .deferred, message: "not prefetched: \(outcome.errorCode)")
        }
    }
}
