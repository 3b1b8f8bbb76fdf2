import AlibabaCDN
import CDNRefresh
import Foundation

extension SubmissionMachine {
    mutating func accept(_ work: WriteWork, request: Int, response: TaskSubmissionResponse, now: Double) {
        guard !response.taskIDs.isEmpty else {
            // A success without a task ID confirms nothing: whatever the API did is looked up.
            refused(work, request: request, error: Self.unconfirmed(response), now: now)
            return
        }
        pacer.accepted(request: request, at: now)
        let ids = response.taskIDs
        var domains: [String] = []
        for index in work.entries where !domains.contains(entries[index].candidate.domain) {
            domains.append(entries[index].candidate.domain)
        }
        // One task ID per domain, in order of first appearance; otherwise every ID applies to every entry
        // (`--wait` later pins each URL to its task).
        let perDomain = ids.count == domains.count ? Dictionary(uniqueKeysWithValues: zip(domains, ids)) : nil
        for index in work.entries {
            var outcome = entries[index].outcome
            outcome.status = .submitted
            outcome.httpStatus = 200
            outcome.errorCode = ""
            outcome.errorMessage = ""
            outcome.requestID = response.requestID
            outcome.taskIDs = perDomain.flatMap { $0[entries[index].candidate.domain].map { [$0] } } ?? ids
            outcome.carriesOver = false
            outcome.unfinishedAt = now
            entries[index].outcome = outcome
        }
        finishedRequests += 1
        events.append(
            .accepted(
                key: work.key, kind: work.kind, urls: work.entries.map { entries[$0].url },
                requestID: response.requestID, taskIDs: ids))
    }

    mutating func refused(_ work: WriteWork, request: Int, error: APICallError, now: Double) {
        if Self.isSchedulingRefusal(error) {
            paced(work, request: request, error: error, now: now)
            return
        }
        // Not accepted: its URLs leave the domain's window. Not known to be: they stay, counted until now.
        if error.outcomeIsUnknown {
            pacer.answered(request: request, at: now)
        } else {
            pacer.forget(request: request)
        }
        record(error, on: work.entries)
        switch error.classification {
        case .authentication:
            events.append(.rejected(key: work.key, code: error.code))
            settle(work.entries, as: .deferred, carryOver: true)
            finishedRequests += 1
            stop(error)
        case .quota:
            events.append(.rejected(key: work.key, code: error.code))
            settle(work.entries, as: .deferred, carryOver: true)
            finishedRequests += 1
            stoppedKinds[work.kind] = stoppedKinds[work.kind] ?? error
            sweepStopped()
        case .final:
            events.append(.rejected(key: work.key, code: error.code))
            if case .api(let failure) = error, failure.body.isInvalidObjectPath, work.entries.count > 1 {
                let middle = work.entries.count / 2
                for half in [Array(work.entries[..<middle]), Array(work.entries[middle...])] {
                    enqueue(
                        .write(WriteWork(batch: work.batch, kind: work.kind, force: work.force, entries: half)),
                        at: now, priority: work.batch)
                }
                totalRequests += 2
            } else {
                settle(work.entries, as: .failed, carryOver: false)
            }
            finishedRequests += 1
        case .retryable:
            if error.outcomeIsUnknown {
                events.append(.unknown(key: work.key))
                reconcile(work, error: error, now: now)
            } else if let delay = configuration.retry.delay(after: error, attempts: work.attempts, jitter: jitter()) {
                events.append(.rejected(key: work.key, code: error.code))
                retries += 1
                enqueueWrite(work, at: now + delay)
            } else {
                events.append(.rejected(key: work.key, code: error.code))
                settle(work.entries, as: .failed, carryOver: true)
                finishedRequests += 1
            }
        }
    }

    /// What a 2xx answer without a task ID says: not confirmed, outcome unknown.
    static func unconfirmed(_ response: TaskSubmissionResponse) -> APICallError {
        .unexpectedResponse(
            httpStatus: 200,
            detail: "the answer names no task (request \(response.requestID.isEmpty ? "unknown" : response.requestID))")
    }
}
