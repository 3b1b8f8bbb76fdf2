import AlibabaCDN
import CDNRefresh
import Dispatch
import Foundation
import Logging

/// Submits a plan: Dispatch schedules, HTTP runs asynchronously, one rate limiter paces every call.
///
/// A serial `DispatchQueue` owns the ``SubmissionMachine``: it starts at most `--concurrency` calls, sets a
/// Dispatch timer when the next start is due later (a retry backoff, a rate-limit slot), and handles each
/// answer when its call finishes. No thread waits for a request and the HTTP client's event loops never block.
/// Journal events are handed to `record` on that queue, before the call they announce goes out.
package final class SubmissionEngine: @unchecked Sendable {
    // @unchecked: `machine`, `wake` and `finished` are only touched on `queue`.
    private let queue = DispatchQueue(label: "cdn-refresh.submission")
    private var machine: SubmissionMachine
    private var wake: Double?
    private var finished: CheckedContinuation<SubmissionResult, Never>?
    private var done = false
    private let api: any RefreshAPI
    private let limiter: SharedRateLimiter
    private let clock: any RunnerClock
    private let record: @Sendable (SubmissionEvent) -> Bool
    private let progress: @Sendable (SubmissionProgress) -> Void
    private let logger: Logger
    private let startedAt: Double
    private let operation: SubmissionOperation

    /// Prepares the submission of `batches`.
    ///
    /// - Parameters:
    ///   - operation: refresh the batches, or prefetch their URLs.
    ///   - runKey: the prefix of the journal keys: unique to the run and to the phase.
    ///   - record: receives journal events in order, on the engine's queue, and says whether each is durable; it
    ///     runs before the call it announces is sent, so a `sending` record is durable first. Once a record fails,
    ///     nothing more is sent (what is in flight is settled): a request the journal does not know of could be
    ///     paid for twice.
    ///   - progress: receives counts after every answer.
    ///   - stop: a stop signal: nothing more is sent, no more task polls start, what is in flight is settled.
    ///   - remembered: what earlier runs learned of each domain's limit (within a week); a given
    ///     `--domain-urls-per-minute` overrides their limits.
    package init(
        batches: [Batch], operation: SubmissionOperation = .refresh, options: SubmissionOptions, api: any RefreshAPI,
        limiter: SharedRateLimiter,
        clock: any RunnerClock = SystemClock(), runKey: String,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        record: @escaping @Sendable (SubmissionEvent) -> Bool = { _ in true },
        progress: @escaping @Sendable (SubmissionProgress) -> Void = { _ in },
        stop: StopRequest? = nil, remembered: [String: DomainPacer.Memory] = [:], logger: Logger
    ) {
        self.machine = SubmissionMachine(
            batches: batches,
            configuration: SubmissionMachine.Configuration(
                concurrency: max(1, options.concurrency), retry: options.retry, wait: options.wait,
                waitTimeout: options.waitTimeoutSeconds, pollInterval: options.pollIntervalSeconds, keyPrefix: runKey,
                operation: operation,
                pacer: DomainPacer(policy: options.pacePolicy, remembered: remembered),
                paceTimeout: options.paceTimeoutSeconds),
            jitter: jitter)
        self.api = api
        self.limiter = limiter
        self.clock = clock
        self.record = record
        self.progress = progress
        self.logger = logger
        self.startedAt = clock.now
        self.operation = operation
        stop?.onRequest { [weak self] signal in
            guard let self else { return }
            self.queue.async {
                guard !self.done, self.machine.haltReason == nil else { return }
                self.machine.halt(Self.stopped(by: signal), code: "Stopped", abandoningWait: true)
                _ = self.flushEvents()
                self.logger.notice("Stopping: nothing more is sent; what is in flight is settled")
                self.pump()
            }
        }
    }

    /// Why a submission stops sending when a signal asks the run to stop.
    static func stopped(by signal: Int32) -> String {
        let name = signal == 15 ? "SIGTERM" : signal == 2 ? "SIGINT" : "signal \(signal)"
        return "stopped by \(name): nothing more was sent; what was in flight was settled"
    }

    /// Runs the submission to its end and returns what happened to every entry.
    package func run() async -> SubmissionResult {
        await withCheckedContinuation { continuation in
            queue.async {
                self.finished = continuation
                self.pump()
            }
        }
    }

    // MARK: - On the queue

    private func pump() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !done else { return }
        while true {
            let now = clock.now
            let step = machine.next(now: now, wallNow: clock.wallNow) { action, time in
                limiter.tryAcquire(action: action, now: time)
            }
            if !flushEvents() && machine.haltReason == nil {
                var started: Int?
                if case .start(let id) = step { started = id }
                halt(unsending: started)
                continue
            }
            switch step {
            case .start(let id):
                if let item = machine.item(id) { launch(item) }
            case .sleep(let until):
                schedule(at: until)
                return
            case .awaitCompletions:
                return
            case .finished:
                done = true
                report()
                finished?.resume(returning: result())
                finished = nil
                return
            }
        }
    }

    private func launch(_ item: WorkItem) {
        let api = self.api
        let operation = self.operation
        logger.debug(
            "Calling the API", metadata: ["api.action": "\(item.action)", "work.id": "\(item.id)"])
        Task {
            let result = await Self.perform(item, api: api, operation: operation)
            self.queue.async {
                self.machine.complete(item.id, with: result, now: self.clock.now)
                self.logRefusals()
                if !self.flushEvents() && self.machine.haltReason == nil { self.halt() }
                self.report()
                self.pump()
            }
        }
    }

    /// Logs, at debug, what was made of each per-minute refusal.
    private func logRefusals() {
        for note in machine.pacer.drainNotes() {
            logger.debug(
                "Per-minute refusal",
                metadata: [
                    "domain": "\(note.domain)", "pacing.level": "\(note.level)", "pacing.held": "\(note.held)",
                    "pacing.verdict": "\(note.verdict)",
                ])
        }
    }

    private func schedule(at time: Double) {
        if let wake, wake <= time { return }
        wake = time
        queue.asyncAfter(deadline: DispatchTime(monotonicSeconds: time)) {
            if self.wake == time { self.wake = nil }
            self.pump()
        }
    }

    /// Hands the machine's events to the journal; whether every one of them is durable.
    private func flushEvents() -> Bool {
        var durable = true
        for event in machine.drainEvents() where !record(event) { durable = false }
        return durable
    }

    /// Stops sending after a journal write failed; `id`, a write just started, is not sent after all.
    private func halt(unsending id: Int? = nil) {
        machine.halt(Self.journalFailure, code: "JournalUnwritable", unsending: id)
        _ = flushEvents()
        logger.error("Stopped sending: the journal cannot be written")
    }

    /// Why a submission stops sending when a journal write fails.
    static let journalFailure =
        "the journal could not be written (a full or read-only state disk?); nothing more was sent, so nothing "
        + "went out unrecorded"

    private func report() {
        let accepted = machine.entries.count { [.submitted, .complete].contains($0.outcome.status) }
        progress(
            SubmissionProgress(
                requestsDone: machine.finishedRequests, requestsTotal: machine.totalRequests, urlsAccepted: accepted,
                urlsTotal: machine.entries.count, attempts: machine.writeAttempts,
                elapsedSeconds: clock.now - startedAt, waiting: done ? false : isWaiting,
                pacing: done ? nil : machine.pacedUntil.map { ($0.domain, max(0, $0.until - clock.now)) }))
    }

    private var isWaiting: Bool {
        machine.finishedRequests == machine.totalRequests
            && machine.entries.contains { $0.outcome.status == .submitted }
            && machine.configuration.wait
    }

    private func result() -> SubmissionResult {
        var pacing = PacingReport()
        for entry in machine.entries {
            if let limit = machine.pacer.limit(of: entry.candidate.domain), machine.pacer.paces(entry.kind) {
                pacing.limits[entry.candidate.domain] = limit
            }
        }
        pacing.findings = machine.pacer.findings
        pacing.deferred = machine.entries.count { $0.outcome.errorCode == "PaceTimeout" }
        pacing.refusals = machine.refusals
        pacing.waitSeconds = machine.pacingWaited
        return SubmissionResult(
            entries: machine.entries.map {
                SubmittedEntry(candidate: $0.candidate, batch: $0.batch, outcome: $0.outcome)
            },
            requests: machine.sentRequests, attempts: machine.writeAttempts, retries: machine.retries,
            stopError: machine.stopError, stoppedKinds: Set(machine.stoppedKinds.keys), halted: machine.haltReason,
            pacing: pacing)
    }

    // MARK: - Calls

    private static func perform(_ item: WorkItem, api: any RefreshAPI, operation: SubmissionOperation) async
        -> WorkResult
    {
        switch item.kind {
        case .write(let work):
            return .written(
                await capture { () async throws(APICallError) in
                    switch work.kind {
                    case .prefetch:
                        let area: String? = if case .prefetch(let area) = operation { area } else { nil }
                        return try await api.pushObjectCache(objectPath: work.objectPath, area: area)
                    case .refresh(let type):
                        // Force is sent only when asked for, and only on the types it applies to.
                        return try await api.refreshObjectCaches(
                            objectPath: work.objectPath, objectType: type.objectType, force: work.force ? true : nil)
                    }
                })
        case .lookup(let work):
            return .lookedUp(
                await capture { () async throws(APICallError) in
                    try await api.describeRefreshTasks(work.filter)
                })
        case .poll(let work):
            return .polled(
                await capture { () async throws(APICallError) in
                    try await api.describeRefreshTaskByID(work.taskIDs)
                })
        }
    }

    private static func capture<T: Sendable>(_ body: () async throws(APICallError) -> T) async -> Result<
        T, APICallError
    > {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
