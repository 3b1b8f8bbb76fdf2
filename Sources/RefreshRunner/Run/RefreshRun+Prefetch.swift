import AlibabaCDN
import CDNRefresh
import Logging
import Synchronization

extension RefreshRun {
    /// What the prefetch phase did: each URL's outcome, and how many journal writes failed.
    struct Prefetched {
        var outcomes: [String: PrefetchOutcome] = [:]
        var journalFailures = 0
    }

    /// Pushes the hottest refreshed URLs back into the caches (`--prefetch`), once their refresh is `Complete`,
    /// and what other runs meant to push and did not (a push a killed run sent was settled when this run started:
    /// what the API had not accepted is wanted again).
    func prefetch(_ plan: Plan, submitted: Submitted, store: StateStore?, context: inout Context) async
        -> Prefetched
    {
        guard let options = configuration.prefetch else { return Prefetched() }
        var urls = RefreshedURL.hottest(
            entries: submitted.result.entries, covered: plan.covered, limit: options.sample.limit
        ).map(\.url)
        let leftovers = (try? store?.prefetchLeftovers(excluding: configuration.runID)) ?? []
        let own = Set(urls)
        urls += leftovers.filter { !own.contains($0) }
        guard !urls.isEmpty else { return Prefetched() }
        logger.info("Prefetching refreshed URLs", metadata: ["prefetch.urls": "\(urls.count)"])
        let snapshot = context
        let failures = Mutex(0)
        let prefetch = Prefetch(
            options: options, api: api, caller: caller(context),
            submit: { batches in
                let submitted = await self.write(
                    batches, as: .prefetch(area: options.area), phase: "prefetch", keeping: [], store: store,
                    context: snapshot)
                failures.withLock { $0 += submitted.journalFailures }
                return submitted.result
            })
        let outcomes = await prefetch.run(urls)
        // Pushed, deferred or failed: reported either way, and no longer wanted.
        try? store?.forgetWantedPrefetches(urls)
        try? store?.dropWantedPrefetches(of: configuration.runID)
        if !leftovers.isEmpty {
            context.notices.append(
                "prefetched \(leftovers.count) URLs an interrupted run had meant to (they have no row in this report)")
        }
        return Prefetched(outcomes: outcomes, journalFailures: failures.withLock { $0 })
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
