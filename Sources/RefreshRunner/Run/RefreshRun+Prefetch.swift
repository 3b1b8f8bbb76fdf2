import AlibabaCDN
import CDNRefresh
import Logging

extension RefreshRun {
    /// What the phases after the refresh found.
    struct AfterRefresh {
        var prefetched: [String: PrefetchOutcome] = [:]
        var verified = Verified()
    }

    /// Pushes the hottest refreshed URLs back into the caches (`--prefetch`), once their refresh is `Complete`.
    func prefetch(_ plan: Plan, submitted: Submitted, context: Context) async -> [String: PrefetchOutcome] {
        guard let options = configuration.prefetch else { return [:] }
        let urls = RefreshedURL.hottest(
            entries: submitted.result.entries, covered: plan.covered, limit: options.sample.limit
        ).map(\.url)
        guard !urls.isEmpty else { return [:] }
        logger.info("Prefetching refreshed URLs", metadata: ["prefetch.urls": "\(urls.count)"])
        return await Prefetch(options: options, api: api, caller: caller(context), clock: clock).run(urls)
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
