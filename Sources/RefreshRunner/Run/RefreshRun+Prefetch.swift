import AlibabaCDN
import CDNRefresh
import Logging

extension RefreshRun {
    /// What the phases after the refresh found.
    struct AfterRefresh {
        var prefetched: [String: PrefetchOutcome] = [:]
        var verified = Verified()
    }

    /// Pushes the hottest refreshed URLs back into the caches (`--prefetch`), once their refresh is `Complete`,
    /// and what an interrupted run meant to push and did not (or pushed without recording the answer: those are
    /// looked up first, so none is pushed twice).
    func prefetch(_ plan: Plan, submitted: Submitted, store: StateStore?, context: inout Context) async
        -> [String: PrefetchOutcome]
    {
        guard let options = configuration.prefetch else { return [:] }
        var urls = RefreshedURL.hottest(
            entries: submitted.result.entries, covered: plan.covered, limit: options.sample.limit
        ).map(\.url)
        let leftovers = await settlePrefetches(store, context: &context)
        let own = Set(urls)
        urls += leftovers.filter { !own.contains($0) }
        guard !urls.isEmpty else { return [:] }
        logger.info("Prefetching refreshed URLs", metadata: ["prefetch.urls": "\(urls.count)"])
        let runID = configuration.runID
        let clock = self.clock
        var prefetch = Prefetch(options: options, api: api, caller: caller(context), clock: clock)
        if let store {
            prefetch.record = { event in
                switch event {
                case .sending(let urls): try? store.recordPrefetchSending(urls, runID: runID, at: clock.wallNow)
                case .finished(let urls): try? store.finishPrefetch(urls)
                }
            }
        }
        let outcomes = await prefetch.run(urls)
        try? store?.dropWantedPrefetches(of: runID)
        if !leftovers.isEmpty {
            context.notices.append(
                "prefetched \(leftovers.count) URLs an interrupted run had meant to (they have no row in this report)")
        }
        return outcomes
    }

    /// The prefetches other runs left: requests sent without a recorded answer are looked up (`preload` tasks
    /// around when they were sent); those found are done, the rest are pushed now with the wanted ones.
    private func settlePrefetches(_ store: StateStore?, context: inout Context) async -> [String] {
        guard let store, let leftovers = try? store.prefetchLeftovers(excluding: configuration.runID),
            !leftovers.isEmpty
        else { return [] }
        var urls = leftovers.filter { $0.status == .wanted }.map(\.url)
        let sending = Dictionary(grouping: leftovers.filter { $0.status == .sending }) { $0.runID }
        let recovery = Recovery(api: api, caller: caller(context))
        for (_, requests) in sending.sorted(by: { $0.key < $1.key }) {
            let sent = requests.compactMap(\.sentAt).min() ?? clock.wallNow
            let asked = requests.map(\.url)
            guard let found = try? await recovery.lookUp(asked, objectType: "preload", sentAt: sent) else {
                continue  // cannot tell: they stay for a later run rather than being pushed twice
            }
            try? store.finishPrefetch(Array(found.keys))
            urls += asked.filter { found[$0] == nil }
        }
        return urls
    }

    /// Writes the prefetch outcomes into the rows of their URLs (`prefetch`, `prefetch_task_id`, and why a URL
    /// was deferred or failed).
    static func apply(_ prefetched: [String: PrefetchOutcome], to rows: inout [ReportRow]) {
        guard !prefetched.isEmpty else { return }
        for index in rows.indices {
            guard rows[index].type == .file, let outcome = prefetched[rows[index].url] else { continue }
            rows[index].prefetch = outcome.status.rawValue
            rows[index].prefetchTaskID = outcome.taskID
            guard !outcome.message.isEmpty else { continue }
            rows[index].errorMessage =
                rows[index].errorMessage.isEmpty ? outcome.message : rows[index].errorMessage + "; " + outcome.message
        }
    }
}
