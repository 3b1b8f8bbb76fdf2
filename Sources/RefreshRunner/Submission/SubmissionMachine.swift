import AlibabaCDN
import CDNRefresh
import Foundation

/// The submission's decisions, free of I/O and of real time.
///
/// It says what to start next and what an answer means: accept, retry with backoff, split to isolate a bad
/// URL, stop a type at the quota, settle a lost answer by look-ups, poll tasks. ``SubmissionEngine`` drives it
/// with Dispatch and HTTP; tests drive it with virtual time.
struct SubmissionMachine: Sendable {
    struct Configuration: Sendable {
        /// Calls in flight at once.
        var concurrency: Int
        var retry: RetryPolicy
        /// Poll tasks until they finish.
        var wait: Bool
        var waitTimeout: Double
        var pollInterval: Double
        /// Requests of at most this many URLs are looked up URL by URL; larger ones by domain and time window.
        var perURLLookupLimit = 5
        /// Look-ups start this long before the request was sent (clock differences).
        var lookupSlackSeconds: Double = 300
        /// A prefix for journal keys, unique to the run (and to the phase: refresh, resubmission, prefetch).
        var keyPrefix: String
        /// Refresh or prefetch.
        var operation: SubmissionOperation = .refresh
    }

    /// One entry and what happened to it.
    struct Entry: Sendable {
        let candidate: Candidate
        let batch: Int
        /// What its request asks of the API.
        let kind: WriteKind
        var outcome = EntryOutcome()

        var url: String { candidate.url }
    }

    let configuration: Configuration
    private(set) var entries: [Entry] = []
    private var ready: [WorkItem] = []
    private var inFlight: [Int: WorkItem] = [:]
    private var reconciliations: [Int: Reconciliation] = [:]
    private var nextID = 1
    private var waitState: WaitState = .notStarted
    private let jitter: @Sendable () -> Double

    /// Kinds of write whose daily quota ran out during the run, with the refusal that said so.
    private(set) var stoppedKinds: [WriteKind: APICallError] = [:]
    /// The refusal that stopped the run (credentials, signature, clock).
    private(set) var stopError: APICallError?
    /// Changes for the journal, drained by the engine after every step.
    private(set) var events: [SubmissionEvent] = []
    /// Write requests planned or created by splitting.
    private(set) var totalRequests = 0
    /// Write requests finished (accepted, refused, split or given up).
    private(set) var finishedRequests = 0
    /// Attempts started again after a failure.
    private(set) var retries = 0
    /// Write attempts (RefreshObjectCaches or PushObjectCache) started.
    private(set) var writeAttempts = 0

    private enum WaitState: Sendable {
        case notStarted
        case polling(deadline: Double)
        case done
    }

    /// What the engine should do next.
    enum Step: Sendable, Equatable {
        /// Start this item now (the limiter slot is taken).
        case start(Int)
        /// Nothing can start before this time.
        case sleep(until: Double)
        /// Nothing can start until a call in flight answers.
        case awaitCompletions
        /// All work is done.
        case finished
    }

    init(batches: [Batch], configuration: Configuration, jitter: @escaping @Sendable () -> Double) {
        self.configuration = configuration
        self.jitter = jitter
        for batch in batches {
            let kind = configuration.operation.kind(of: batch.type)
            let indices = batch.entries.indices.map { entries.count + $0 }
            entries += batch.entries.map { Entry(candidate: $0, batch: batch.number, kind: kind) }
            enqueue(
                .write(WriteWork(batch: batch.number, kind: kind, force: batch.force, entries: indices)),
                at: -.infinity, priority: batch.number)
            totalRequests += 1
        }
    }

    /// The item with `id`, while it is in flight.
    func item(_ id: Int) -> WorkItem? {
        inFlight[id]
    }

    /// Removes and returns the journal events recorded so far.
    mutating func drainEvents() -> [SubmissionEvent] {
        defer { events.removeAll() }
        return events
    }

    // MARK: - Scheduling

    /// Decides the next step at `now`; `acquire` asks the rate limiter for a slot (nil: granted, else the time
    /// to ask again).
    mutating func next(now: Double, wallNow: Date, acquire: (APIAction, Double) -> Double?) -> Step {
        startWaitingIfDue(now: now)
        if inFlight.count >= configuration.concurrency { return .awaitCompletions }
        var earliest = Double.infinity
        let order = ready.indices.sorted {
            (ready[$0].priority, ready[$0].notBefore, ready[$0].id) < (
                ready[$1].priority, ready[$1].notBefore, ready[$1].id
            )
        }
        for index in order {
            let item = ready[index]
            if case .write(let work) = item.kind, stoppedKinds[work.kind] != nil || stopError != nil {
                continue  // swept below
            }
            if item.notBefore > now {
                earliest = min(earliest, item.notBefore)
                continue
            }
            if let retryAt = acquire(item.action, now) {
                earliest = min(earliest, retryAt)
                continue
            }
            ready.remove(at: index)
            start(item, now: now, wallNow: wallNow)
            return .start(item.id)
        }
        sweepStopped()
        if earliest < .infinity { return .sleep(until: earliest) }
        if !inFlight.isEmpty { return .awaitCompletions }
        if startWaitingIfDue(now: now) { return next(now: now, wallNow: wallNow, acquire: acquire) }
        finish()
        return .finished
    }

    private mutating func start(_ item: WorkItem, now: Double, wallNow: Date) {
        var item = item
        if case .write(var work) = item.kind {
            work.attempts += 1
            work.key = "\(configuration.keyPrefix)-\(item.id)"
            work.sentAt = wallNow
            work.objectPath = work.entries.map { entries[$0].url }.joined(separator: "\n")
            writeAttempts += 1
            for index in work.entries { entries[index].outcome.attempts += 1 }
            events.append(
                .sending(
                    key: work.key, kind: work.kind, urls: work.entries.map { entries[$0].url }, batch: work.batch,
                    at: wallNow))
            item.kind = .write(work)
        } else if case .lookup(var work) = item.kind {
            work.attempts += 1
            item.kind = .lookup(work)
        }
        inFlight[item.id] = item
    }

    private mutating func enqueue(_ kind: WorkItem.Kind, at time: Double, priority: Int) {
        ready.append(WorkItem(id: nextID, kind: kind, notBefore: time, priority: priority))
        nextID += 1
    }

    // MARK: - Answers

    /// Applies the answer of the item `id`.
    mutating func complete(_ id: Int, with result: WorkResult, now: Double) {
        guard let item = inFlight.removeValue(forKey: id) else { return }
        switch (item.kind, result) {
        case (.write(let work), .written(let answer)):
            switch answer {
            case .success(let response): accept(work, response: response, now: now)
            case .failure(let error): refused(work, error: error, now: now)
            }
        case (.lookup(let work), .lookedUp(let answer)):
            lookedUp(work, answer: answer, now: now)
        case (.poll(let work), .polled(let answer)):
            polled(work, answer: answer, now: now)
        default:
            assertionFailure("an answer of the wrong kind")
        }
    }

    private mutating func accept(_ work: WriteWork, response: TaskSubmissionResponse, now: Double) {
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

    private mutating func refused(_ work: WriteWork, error: APICallError, now: Double) {
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
                enqueue(.write(work), at: now + delay, priority: work.batch)
            } else {
                events.append(.rejected(key: work.key, code: error.code))
                settle(work.entries, as: .failed, carryOver: true)
                finishedRequests += 1
            }
        }
    }

    // MARK: - Lost answers

    /// Looks the URLs of a request whose answer was lost up before anything is sent again.
    private mutating func reconcile(_ work: WriteWork, error: APICallError, now: Double) {
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

    private mutating func lookedUp(_ lookup: LookupWork, answer: Result<RefreshTasksPage, APICallError>, now: Double) {
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

    private mutating func finishReconciliation(_ reconciliation: Reconciliation, now: Double) {
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

    // MARK: - Waiting for tasks

    /// Starts polling once no write is left, if `--wait` asked for it.
    @discardableResult
    private mutating func startWaitingIfDue(now: Double) -> Bool {
        guard configuration.wait, case .notStarted = waitState, stopError == nil else { return false }
        let writesLeft =
            ready.contains { if case .poll = $0.kind { false } else { true } }
            || inFlight.values.contains { if case .poll = $0.kind { false } else { true } }
        guard !writesLeft else { return false }
        var taskIDs: [String] = []
        var seen: Set<String> = []
        for entry in entries where entry.outcome.status == .submitted {
            for id in entry.outcome.taskIDs where seen.insert(id).inserted { taskIDs.append(id) }
        }
        guard !taskIDs.isEmpty else {
            waitState = .done
            return false
        }
        waitState = .polling(deadline: now + configuration.waitTimeout)
        for start in stride(from: 0, to: taskIDs.count, by: 10) {
            enqueue(
                .poll(PollWork(taskIDs: Array(taskIDs[start..<min(start + 10, taskIDs.count)]))),
                at: now + configuration.pollInterval, priority: Int.max)
        }
        return true
    }

    private mutating func polled(_ poll: PollWork, answer: Result<RefreshTasksByID, APICallError>, now: Double) {
        guard case .polling(let deadline) = waitState else { return }
        var unfinished: [String] = []
        switch answer {
        case .success(let result):
            let pollIDs = Set(poll.taskIDs)
            var byPath: [String: [Int]] = [:]
            for (index, entry) in entries.enumerated()
            where entry.outcome.status == .submitted
                && !pollIDs.isDisjoint(with: entry.outcome.taskIDs)
            {
                byPath[entry.url, default: []].append(index)
            }
            var finishedIDs: Set<String> = []
            var seenIDs: Set<String> = []
            for task in result.tasks where pollIDs.contains(task.taskID) {
                seenIDs.insert(task.taskID)
                for index in byPath[task.objectPath] ?? [] {
                    entries[index].outcome.taskIDs = [task.taskID]
                    entries[index].outcome.taskStatus = task.status
                    if task.taskStatus == .complete {
                        if entries[index].outcome.completedBy == nil { entries[index].outcome.completedBy = now }
                    } else if !task.isFinished {
                        entries[index].outcome.unfinishedAt = now
                    }
                    if task.taskStatus == .failed {
                        entries[index].outcome.errorCode = "RefreshTaskFailed"
                        entries[index].outcome.errorMessage =
                            task.description.isEmpty ? "the refresh task failed" : task.description
                    }
                }
            }
            for id in seenIDs {
                let items = result.tasks.filter { $0.taskID == id }
                if items.allSatisfy(\.isFinished) { finishedIDs.insert(id) }
            }
            unfinished = poll.taskIDs.filter { !finishedIDs.contains($0) }
        case .failure(let error):
            if error.classification == .authentication {
                stop(error)
                return
            }
            unfinished = poll.taskIDs
        }
        if !unfinished.isEmpty && now + configuration.pollInterval <= deadline {
            enqueue(.poll(PollWork(taskIDs: unfinished)), at: now + configuration.pollInterval, priority: Int.max)
        }
    }

    // MARK: - Settling

    private mutating func record(_ error: APICallError, on indices: [Int]) {
        for index in indices {
            entries[index].outcome.httpStatus = error.httpStatus
            entries[index].outcome.errorCode = error.code
            entries[index].outcome.errorMessage = error.message
        }
    }

    private mutating func settle(_ indices: [Int], as status: EntryOutcome.Status, carryOver: Bool) {
        guard !indices.isEmpty else { return }
        for index in indices {
            entries[index].outcome.status = status
            entries[index].outcome.carriesOver = carryOver
        }
        let byKind = Dictionary(grouping: indices) { entries[$0].kind }
        for (kind, group) in byKind.sorted(by: { $0.key < $1.key }) {
            let urls = group.map { entries[$0].url }
            events.append(carryOver ? .carriedOver(urls: urls, kind: kind) : .abandoned(urls: urls, kind: kind))
        }
    }

    /// Stops every further call after a refusal of the credentials, signature or clock.
    private mutating func stop(_ error: APICallError) {
        guard stopError == nil else { return }
        stopError = error
        sweepStopped()
    }

    /// Defers queued requests of stopped kinds (or of every kind after a stop) and drops queued look-ups and
    /// polls after a stop.
    private mutating func sweepStopped() {
        var kept: [WorkItem] = []
        for item in ready {
            switch item.kind {
            case .write(let work) where stopError != nil || stoppedKinds[work.kind] != nil:
                let error = stopError ?? Self.quotaSpent(work.kind, refusal: stoppedKinds[work.kind])
                record(error, on: work.entries)
                if stopError != nil {
                    for index in work.entries {
                        entries[index].outcome.errorMessage = "not sent: the run stopped after \(error.code)"
                    }
                }
                settle(work.entries, as: .deferred, carryOver: true)
                finishedRequests += 1
            case .lookup(let lookup) where stopError != nil:
                if let reconciliation = reconciliations.removeValue(forKey: lookup.reconciliation) {
                    settle(reconciliation.work.entries, as: .deferred, carryOver: true)
                    finishedRequests += 1
                }
            case .poll where stopError != nil:
                continue
            default:
                kept.append(item)
            }
        }
        ready = kept
    }

    /// What a request not sent because its kind's daily quota ran out records: the refusal's code, and why.
    private static func quotaSpent(_ kind: WriteKind, refusal: APICallError?) -> APICallError {
        let name =
            switch kind {
            case .refresh(let type): type.rawValue
            case .prefetch: "prefetch"
            }
        return .api(
            APIFailure(
                httpStatus: refusal?.httpStatus ?? 400,
                body: APIErrorBody(
                    code: refusal?.code ?? "QuotaExceeded.Refresh",
                    message: "not sent: the daily \(name) quota ran out during this run")))
    }

    /// Turns the last task states into final statuses.
    private mutating func finish() {
        guard case .polling = waitState else { return }
        waitState = .done
        for index in entries.indices where entries[index].outcome.status == .submitted {
            switch TaskStatus(rawValue: entries[index].outcome.taskStatus) {
            case .complete:
                entries[index].outcome.status = .complete
            case .failed:
                entries[index].outcome.status = .failed
                entries[index].outcome.carriesOver = true
                events.append(.carriedOver(urls: [entries[index].url], kind: entries[index].kind))
            default:
                break
            }
        }
    }
}
