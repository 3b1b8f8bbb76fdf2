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
    ///
    /// A request waits at most until the pace deadline; it is deferred only once the deadline has come, never while
    /// `--pace-timeout` has time left.
    func pacing(_ work: WriteWork, now: Double) -> PacingDecision {
        let counts = pacedCounts(work)
        guard !counts.isEmpty, pacer.isPacing else { return .go }
        guard let release = pacer.release(for: counts, now: now) else { return .go }  // split already
        guard release > now else { return .go }
        let deadline = paceDeadline ?? .infinity
        if now >= deadline { return .timedOut }
        let domain =
            counts.keys.sorted().first { (pacer.release(for: [$0: counts[$0]!], now: now) ?? now) >= release }
            ?? counts.keys.sorted()[0]
        return .wait(domain: domain, until: min(release, deadline))
    }

    /// A scheduling refusal: the request waits without spending an attempt.
    ///
    /// A per-minute refusal of several domains teaches none of them: the request is sent again at once as one request
    /// per domain. For one domain it is contention until refusals repeat (``DomainPacer/refused(_:request:now:)``):
    /// the request waits until our own URLs leave the window; when none of ours is there, another client left less
    /// room than it asks, so a large request is halved and sent again at once, and a small one backs off. A full queue
    /// or throttling backs off up to 60 s. Nothing waits beyond the pace deadline: at the deadline it is tried once
    /// more, and a refusal then defers it (`PaceTimeout`).
    mutating func paced(_ work: WriteWork, request: Int, error: APICallError, now: Double) {
        var work = work
        events.append(.rejected(key: work.key, code: error.code))
        refusals[error.code, default: 0] += 1
        work.attempts -= 1
        for index in work.entries { entries[index].outcome.attempts -= 1 }
        retries += 1
        work.schedulingRefusals += 1
        let backoff = jitter() / 2 + 0.5
        var notBefore: Double
        if error.code == Self.perMinuteCode {
            let counts = pacedCounts(work)
            switch pacer.refused(counts, request: request, now: now) {
            case .split:
                let parts = byDomain(work)
                totalRequests += parts.count - 1
                for part in parts { enqueueWrite(part, at: now) }
                return
            case .lowered:
                notBefore = now  // the window decides, at the new limit
                splitForLimits()
            case .contention(let domain, let room):
                if room == nil, now < paceDeadline ?? .infinity, (counts[domain] ?? 0) >= 2 * pacer.policy.floor {
                    // Nothing of ours in the window, yet no room for this much: another client left less. Half of
                    // it may fit now; the other half then waits for ours to leave.
                    let middle = work.entries.count / 2
                    totalRequests += 1
                    for half in [work.entries[..<middle], work.entries[middle...]] {
                        enqueueWrite(part(of: work, entries: Array(half)), at: now)
                    }
                    return
                }
                let step = pacer.window / 8 * Double(1 << min(work.schedulingRefusals - 1, 3))
                notBefore = room ?? now + min(pacer.window, step) * backoff
            }
        } else {
            pacer.forget(request: request)
            let cap = min(60, configuration.retry.baseDelay * Double(1 << min(work.schedulingRefusals, 20)))
            notBefore = now + max(RetryPolicy.floor(for: error), cap * backoff)
        }
        let deadline = paceDeadline ?? .infinity
        if now >= deadline {
            record(error, on: work.entries)
            deferForPaceTimeout(work)
            finishedRequests += 1
            return
        }
        enqueueWrite(work, at: min(notBefore, deadline))
    }

    /// Queues `work` to be sent at `time`, split first when it holds more URLs of a domain than the domain's known
    /// limit (a retried request never leaves larger than a window takes).
    mutating func enqueueWrite(_ work: WriteWork, at time: Double) {
        let parts = split(work) ?? [work]
        totalRequests += parts.count - 1
        for part in parts { enqueue(.write(part), at: time, priority: part.batch) }
    }

    /// `work` as one request per domain, in the order the domains first appear.
    func byDomain(_ work: WriteWork) -> [WriteWork] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for index in work.entries {
            let domain = entries[index].candidate.domain
            if groups[domain] == nil { order.append(domain) }
            groups[domain, default: []].append(index)
        }
        return order.map { part(of: work, entries: groups[$0]!) }
    }

    /// `work` re-packed so that the domains with room need not wait for those without.
    ///
    /// One request of the domains with room, and one for each domain without. `nil` when it holds one domain.
    func repacked(_ work: WriteWork, now: Double) -> [WriteWork]? {
        let counts = pacedCounts(work)
        guard counts.count > 1 else { return nil }
        let waiting = Set(counts.keys.filter { (pacer.release(for: [$0: counts[$0]!], now: now) ?? now) > now })
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for index in work.entries {
            let domain = entries[index].candidate.domain
            let group = waiting.contains(domain) ? domain : ""
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(index)
        }
        return order.map { part(of: work, entries: groups[$0]!) }
    }

    /// A new request of some of `work`'s entries: it keeps the attempts and refusals spent so far.
    func part(of work: WriteWork, entries: [Int]) -> WriteWork {
        var part = WriteWork(batch: work.batch, kind: work.kind, force: work.force, entries: entries)
        part.attempts = work.attempts
        part.schedulingRefusals = work.schedulingRefusals
        return part
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
        return parts.map { part(of: work, entries: $0) }
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
