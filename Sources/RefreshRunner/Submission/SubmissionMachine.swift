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
        /// The per-domain limits known when the submission starts (given, or learned by earlier runs).
        var pacer = DomainPacer()
        /// How long waits for per-domain windows, full queues and throttling may hold a request back in all
        /// (`--pace-timeout`); what is still waiting then is deferred (`PaceTimeout`).
        var paceTimeout: Double = 1800
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
    var entries: [Entry] = []
    var ready: [WorkItem] = []
    var inFlight: [Int: WorkItem] = [:]
    var reconciliations: [Int: Reconciliation] = [:]
    var nextID = 1
    var waitState: WaitState = .notStarted
    let jitter: @Sendable () -> Double

    /// Kinds of write whose daily quota ran out during the run, with the refusal that said so.
    var stoppedKinds: [WriteKind: APICallError] = [:]
    /// The refusal that stopped the run (credentials, signature, clock).
    var stopError: APICallError?
    /// Why nothing more is sent although the API refused nothing: the journal could not be written.
    ///
    /// Calls in flight are settled; look-ups and polls go on.
    var haltReason: String?
    /// The report's `error_code` for what a halt left unsent.
    var haltCode = ""
    /// Whether to stop waiting for tasks as well (a stop signal: the operator wants the run to end now).
    var abandonsWait = false
    /// Changes for the journal, drained by the engine after every step.
    var events: [SubmissionEvent] = []
    /// Write requests planned or created by splitting.
    var totalRequests = 0
    /// Write requests sent at least once (a retry is the same request; a split makes new ones).
    var sentRequests = 0
    /// Write requests finished (accepted, refused, split or given up).
    var finishedRequests = 0
    /// Attempts started again after a failure.
    var retries = 0
    /// Write attempts (RefreshObjectCaches or PushObjectCache) started.
    var writeAttempts = 0
    /// The per-domain windows, and what this submission learned of them.
    var pacer: DomainPacer
    /// Scheduling refusals seen, by code (`QuotaPerMinuteExceeded.Refresh`, `TooMany.Refresh`, `Throttling.User`…).
    var refusals: [String: Int] = [:]
    /// No paced request waits beyond this time (set by the first step: its time plus `paceTimeout`).
    var paceDeadline: Double?
    /// Seconds nothing could start because every request left was waiting on pacing.
    var pacingWaited = 0.0
    /// Since when nothing could start for pacing, while it lasts.
    var pacingSince: Double?
    /// The domain whose window the submission is waiting on, and until when (for a progress bar).
    var pacedUntil: (domain: String, until: Double)?

    enum WaitState: Sendable {
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
        self.pacer = configuration.pacer
        for batch in batches {
            let kind = configuration.operation.kind(of: batch.type)
            let indices = batch.entries.indices.map { entries.count + $0 }
            entries += batch.entries.map { Entry(candidate: $0, batch: batch.number, kind: kind) }
            enqueue(
                .write(WriteWork(batch: batch.number, kind: kind, force: batch.force, entries: indices)),
                at: -.infinity, priority: batch.number)
            totalRequests += 1
        }
        splitForLimits()
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
        if paceDeadline == nil { paceDeadline = now + configuration.paceTimeout }
        startWaitingIfDue(now: now)
        if inFlight.count >= configuration.concurrency { return .awaitCompletions }
        var earliest = Double.infinity
        var paced: (domain: String, until: Double)?
        var timedOut: [Int] = []
        for index in readyOrder {
            let item = ready[index]
            if case .write(let work) = item.kind,
                stoppedKinds[work.kind] != nil || stopError != nil || haltReason != nil
            {
                continue  // swept below
            }
            if item.notBefore > now {
                earliest = min(earliest, item.notBefore)
                continue
            }
            if case .write(let work) = item.kind {
                switch pacing(work, now: now) {
                case .go: break
                case .wait(let domain, let until):
                    if repack(work, of: item, at: index, now: now) {
                        return next(now: now, wallNow: wallNow, acquire: acquire)
                    }
                    // Other domains go ahead meanwhile.
                    earliest = min(earliest, until)
                    if until < (paced?.until ?? .infinity) { paced = (domain, until) }
                    continue
                case .timedOut:
                    timedOut.append(item.id)
                    continue
                }
            }
            if let retryAt = acquire(item.action, now) {
                earliest = min(earliest, retryAt)
                continue
            }
            ready.remove(at: index)
            start(item, now: now, wallNow: wallNow)
            endPacingWait(now: now)
            return .start(item.id)
        }
        deferForPaceTimeout(timedOut)
        sweepStopped()
        pacedUntil = paced
        if let paced, paced.until <= earliest, inFlight.isEmpty, pacingSince == nil { pacingSince = now }
        if earliest < .infinity { return .sleep(until: earliest) }
        endPacingWait(now: now)
        if !inFlight.isEmpty { return .awaitCompletions }
        if startWaitingIfDue(now: now) { return next(now: now, wallNow: wallNow, acquire: acquire) }
        finish()
        return .finished
    }

    /// The ready items' indices in the order they may start: priority, then time, then age.
    private var readyOrder: [Int] {
        ready.indices.sorted {
            (ready[$0].priority, ready[$0].notBefore, ready[$0].id) < (
                ready[$1].priority, ready[$1].notBefore, ready[$1].id
            )
        }
    }

    /// Re-packs a waiting request of several domains when some of them have room; whether it did.
    ///
    /// The domains with room go now; each one without waits on its own.
    private mutating func repack(_ work: WriteWork, of item: WorkItem, at index: Int, now: Double) -> Bool {
        guard let parts = repacked(work, now: now) else { return false }
        ready.remove(at: index)
        totalRequests += parts.count - 1
        for part in parts { enqueue(.write(part), at: item.notBefore, priority: item.priority) }
        return true
    }

    mutating func start(_ item: WorkItem, now: Double, wallNow: Date) {
        var item = item
        if case .write(var work) = item.kind {
            work.attempts += 1
            if !work.everSent { sentRequests += 1 }
            work.everSent = true
            pacer.record(pacedCounts(work), request: item.id, at: now)
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

    mutating func enqueue(_ kind: WorkItem.Kind, at time: Double, priority: Int) {
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
            case .success(let response): accept(work, request: id, response: response, now: now)
            case .failure(let error): refused(work, request: id, error: error, now: now)
            }
        case (.lookup(let work), .lookedUp(let answer)):
            lookedUp(work, answer: answer, now: now)
        case (.poll(let work), .polled(let answer)):
            polled(work, answer: answer, now: now)
        default:
            assertionFailure("an answer of the wrong kind")
        }
    }
}
