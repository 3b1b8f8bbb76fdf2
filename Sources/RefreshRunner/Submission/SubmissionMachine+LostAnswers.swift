import AlibabaCDN
import CDNRefresh
import Foundation

/// Lost answers: look the URLs up before anything is sent again.
extension SubmissionMachine {
    /// Looks the URLs of a request whose answer was lost up before anything is sent again.
    mutating func reconcile(_ work: WriteWork, error: APICallError, now: Double) {
        let id = nextID
        let filters = LookupPlan.filters(
            urls: work.entries.map { entries[$0].url }, objectType: work.kind.taskObjectType, sentAt: work.sentAt,
            slackSeconds: configuration.lookupSlackSeconds, perURLLimit: configuration.perURLLookupLimit)
        reconciliations[id] = Reconciliation(work: work, error: error, pendingLookups: filters.count)
        nextID += 1
        for filter in filters {
            enqueue(.lookup(LookupWork(reconciliation: id, filter: filter)), at: now, priority: work.batch)
        }
    }

    mutating func lookedUp(_ lookup: LookupWork, answer: Result<RefreshTasksPage, APICallError>, now: Double) {
        guard var reconciliation = reconciliations[lookup.reconciliation] else { return }
        switch answer {
        case .success(let page):
            let wanted = Set(reconciliation.work.entries.map { entries[$0].url })
            LookupPlan.collect(page, wanted: wanted, into: &reconciliation.found)
            if let next = LookupPlan.nextPage(after: lookup.filter, page: page) {
                enqueue(
                    .lookup(LookupWork(reconciliation: lookup.reconciliation, filter: next)), at: now,
                    priority: reconciliation.work.batch)
            } else {
                reconciliation.pendingLookups -= 1
            }
        case .failure(let error):
            if error.classification == .authentication {
                reconciliations[lookup.reconciliation] = nil
                settle(reconciliation.work.entries, as: .deferred, carryOver: true)
                record(error, on: reconciliation.work.entries)
                finishedRequests += 1
                stop(error)
                return
            }
            if let delay = configuration.retry.delay(after: error, attempts: lookup.attempts, jitter: jitter()) {
                enqueue(.lookup(lookup), at: now + delay, priority: reconciliation.work.batch)
            } else {
                // The look-up cannot be made: whatever it did not find is sent again (a URL is not lost; it may
                // be paid for twice).
                reconciliation.pendingLookups -= 1
            }
        }
        reconciliations[lookup.reconciliation] = reconciliation
        if reconciliation.pendingLookups == 0 {
            reconciliations[lookup.reconciliation] = nil
            finishReconciliation(reconciliation, now: now)
        }
    }

    mutating func finishReconciliation(_ reconciliation: Reconciliation, now: Double) {
        var work = reconciliation.work
        events.append(.reconciled(key: work.key, kind: work.kind, found: reconciliation.found))
        var remaining: [Int] = []
        for index in work.entries {
            if let taskID = reconciliation.found[entries[index].url] {
                var outcome = entries[index].outcome
                outcome.status = .submitted
                outcome.taskIDs = [taskID]
                outcome.httpStatus = nil
                outcome.errorCode = ""
                outcome.errorMessage = "accepted; confirmed by DescribeRefreshTasks after the answer was lost"
                outcome.carriesOver = false
                entries[index].outcome = outcome
            } else {
                remaining.append(index)
            }
        }
        guard !remaining.isEmpty else {
            finishedRequests += 1
            return
        }
        work.entries = remaining
        if let delay = configuration.retry.delay(after: reconciliation.error, attempts: work.attempts, jitter: jitter())
        {
            retries += 1
            enqueue(.write(work), at: now + delay, priority: work.batch)
        } else {
            settle(remaining, as: .failed, carryOver: true)
            finishedRequests += 1
        }
    }
}
