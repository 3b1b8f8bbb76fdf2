/// The result of planning: requests to send, and every other entry with the reason it is not sent.
package struct Plan: Sendable {
    /// Requests in submission order, best first.
    package var batches: [Batch]
    /// Entries beyond the quota, best first; they wait for the next run.
    package var deferred: [Candidate]
    /// Entries refreshed by a directory entry of this plan, best first.
    package var covered: [Candidate]
    /// Input lines that could not be used, in input order.
    package var invalid: [InvalidLine]
    /// The quota the plan was made with.
    package var quota: RefreshQuota
    /// The options the plan was made with.
    package var options: PlannerOptions
    /// What collapsing did, when it covered anything.
    package var collapse: CollapseSummary?

    package init(
        batches: [Batch], deferred: [Candidate], covered: [Candidate], invalid: [InvalidLine],
        quota: RefreshQuota, options: PlannerOptions
    ) {
        self.batches = batches
        self.deferred = deferred
        self.covered = covered
        self.invalid = invalid
        self.quota = quota
        self.options = options
    }

    /// How many entries of each type the batches hold.
    package var selectedCount: RefreshQuota {
        var count = RefreshQuota(urls: 0, directories: 0, regex: 0, ignoreParams: 0)
        for batch in batches { count[batch.type] += batch.entries.count }
        return count
    }

    /// The quota that would be left after every batch is accepted.
    package var quotaLeft: RefreshQuota {
        var left = quota
        let used = selectedCount
        for type in EntryType.allCases { left[type] -= used[type] }
        return left
    }
}
