import AlibabaCDN
import CDNRefresh
import Foundation

/// Pacing: per-domain windows, and scheduling refusals that make a request wait instead of failing it.
extension SubmissionMachine {
    /// What pacing says of a request ready to go.
    enum PacingDecision: Equatable {
        case go
        /// A domain's window is full until then.
        case wait(domain: String, until: Double)
        /// It would wait beyond `--pace-timeout`.
        case timedOut
    }

    /// Whether `error` is the API asking to slow down rather than refusing the request.
    ///
    /// A per-minute limit, a full refresh queue, throttling: such a refusal never counts against `--max-attempts` and
    /// never fails a URL.
    static func isSchedulingRefusal(_ error: APICallError) -> Bool {
        switch error {
        case .api(let failure):
            let code = failure.body.code
            return code == perMinuteCode || code == "TooMany.Refresh" || code.hasPrefix("Throttling")
                || failure.httpStatus == 429
        case .unexpectedResponse(let status, _):
            return status == 429
        case .transport, .credentials:
            return false
        }
    }

    static let perMinuteCode = "QuotaPerMinuteExceeded.Refresh"

    /// The URLs of `work` each domain's window counts: File and IgnoreParams refreshes only.
    func pacedCounts(_ work: WriteWork) -> [String: Int] {
        guard case .refresh(let type) = work.kind, type == .file || type == .ignoreparams else { return [:] }
        var counts: [String: Int] = [:]
        for index in work.entries { counts[entries[index].candidate.domain, default: 0] += 1 }
        return counts
    }

    /// Whether `work` may go at `now`, given every domain's window.
    func pacing(_ work: WriteWork, now: Double) -> PacingDecision {
        let counts = pacedCounts(work)
        guard !counts.isEmpty, pacer.isPacing else { return .go }
        guard let release = pacer.release(for: counts, now: now) else { return .go }  // split already
        guard release > now else { return .go }
        if release > paceDeadline ?? .infinity { return .timedOut }
        let domain =
            counts.keys.sorted().first { (pacer.release(for: [$0: counts[$0]!], now: now) ?? now) >= release }
            ?? counts.keys.sorted()[0]
        return .wait(domain: domain, until: release)
    }

    /// A scheduling refusal: the request waits — for the domain's window after a per-minute refusal (whose limit
    /// it learns), with backoff up to 60 s otherwise — without spending an attempt.
    mutating func paced(_ work: WriteWork, request: Int, error: APICallError, now: Double) {
        var work = work
        events.append(.rejected(key: work.key, code: error.code))
        refusals[error.code, default: 0] += 1
        work.attempts -= 1
        for index in work.entries { entries[index].outcome.attempts -= 1 }
        retries += 1
        var notBefore = now
        if error.code == Self.perMinuteCode {
            let counts = pacedCounts(work)
            let changed = pacer.learn(from: counts, request: request, now: now)
            // Refused although the window had room as far as this run knows (another client spends the same
            // limit): wait a whole window rather than ask again at once.
            if changed.isEmpty, (pacer.release(for: counts, now: now) ?? now) <= now { notBefore = now + pacer.window }
        } else {
            pacer.forget(request: request)
            work.schedulingRefusals += 1
            let cap = min(60, configuration.retry.baseDelay * Double(1 << min(work.schedulingRefusals, 20)))
            notBefore = now + max(RetryPolicy.floor(for: error), cap * (0.5 + jitter() / 2))
        }
        if notBefore > paceDeadline ?? .infinity {
            record(error, on: work.entries)
            deferForPaceTimeout(work)
            finishedRequests += 1
            return
        }
        enqueue(.write(work), at: notBefore, priority: work.batch)
        splitForLimits()
    }

    /// Splits every queued request that holds more URLs of a domain than the domain's known limit, so that each
    /// fits a window (each part is its own request, journaled as such).
    mutating func splitForLimits() {
        guard pacer.isPacing else { return }
        var kept: [WorkItem] = []
        var parts: [(WriteWork, Double, Int)] = []
        for item in ready {
            guard case .write(let work) = item.kind, let split = split(work), split.count > 1 else {
                kept.append(item)
                continue
            }
            for part in split { parts.append((part, item.notBefore, item.priority)) }
            totalRequests += split.count - 1
        }
        ready = kept
        for (part, time, priority) in parts { enqueue(.write(part), at: time, priority: priority) }
    }

    /// `work` in parts that each hold at most each domain's limit of its URLs; `nil` when it fits as it is.
    private func split(_ work: WriteWork) -> [WriteWork]? {
        let counts = pacedCounts(work)
        guard counts.contains(where: { domain, count in (pacer.limit(of: domain)?.urls ?? .max) < count }) else {
            return nil
        }
        var parts: [[Int]] = []
        var partCounts: [[String: Int]] = []
        for index in work.entries {
            let domain = entries[index].candidate.domain
            let limit = pacer.limit(of: domain)?.urls ?? .max
            if let slot = partCounts.firstIndex(where: { ($0[domain] ?? 0) < limit }) {
                parts[slot].append(index)
                partCounts[slot][domain, default: 0] += 1
            } else {
                parts.append([index])
                partCounts.append([domain: 1])
            }
        }
        return parts.map { entries in
            var part = WriteWork(batch: work.batch, kind: work.kind, force: work.force, entries: entries)
            part.schedulingRefusals = work.schedulingRefusals
            return part
        }
    }

    /// Defers the queued requests `ids` (they would wait beyond `--pace-timeout`).
    mutating func deferForPaceTimeout(_ ids: [Int]) {
        guard !ids.isEmpty else { return }
        let doomed = Set(ids)
        for item in ready where doomed.contains(item.id) {
            if case .write(let work) = item.kind {
                deferForPaceTimeout(work)
                finishedRequests += 1
            }
        }
        ready.removeAll { doomed.contains($0.id) }
    }

    /// Defers `work`: not sent within `--pace-timeout`; it waits in the backlog, never failed.
    private mutating func deferForPaceTimeout(_ work: WriteWork) {
        for index in work.entries {
            entries[index].outcome.httpStatus = nil
            entries[index].outcome.errorCode = "PaceTimeout"
            entries[index].outcome.errorMessage =
                "not sent within --pace-timeout: the domain's per-minute limit or a full refresh queue held it back; "
                + "it waits in the backlog"
        }
        settle(work.entries, as: .deferred, carryOver: true)
    }

    /// Ends a wait on pacing, adding it to ``pacingWaited``.
    mutating func endPacingWait(now: Double) {
        guard let since = pacingSince else { return }
        pacingWaited += max(0, now - since)
        pacingSince = nil
    }
}
