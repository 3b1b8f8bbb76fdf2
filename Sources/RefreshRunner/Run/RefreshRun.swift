import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// `cdn-refresh run` from start to end: state and recovery, inputs and backlog, live quota, plan, submission,
/// prefetch and verification, the report, the journal's record of the run, the metrics.
///
/// With a state directory: takes the lock, settles requests a killed run left `sending` (look-ups), skips what an
/// interrupted run already had accepted, merges the backlog, claims the selected entries before submitting
/// them, and keeps whatever is not accepted for the next run. Each phase is a method that returns what the next one
/// needs (`RefreshRun+*.swift`). Nothing here prints: the outcome carries the summary and the notices.
package final class RefreshRun: Sendable {
    package let configuration: RunConfiguration
    let api: any RefreshAPI
    let clock: any RunnerClock
    let jitter: @Sendable () -> Double
    let logger: Logger
    let progress: @Sendable (SubmissionProgress) -> Void
    let edgeProbe: (any EdgeProbing)?
    let logSource: (any CDNLogSource)?
    let slsSource: (any SLSQuerying)?
    let stop: StopRequest

    /// - Parameters:
    ///   - edgeProbe: how `--verify` reaches the CDN (and the origin); without it nothing is verified.
    ///   - logSource: where `cdn:DOMAIN` inputs are listed and downloaded; without it they cannot be read.
    ///   - slsSource: where `sls:PROJECT/LOGSTORE` inputs are counted; without it they cannot be read.
    ///   - stop: a request to stop early (SIGTERM, SIGINT): nothing more is sent, what is in flight is settled, the
    ///     report, the journal and the metrics are written, and the exit status is 143 or 130.
    package init(
        configuration: RunConfiguration, api: any RefreshAPI, clock: any RunnerClock = SystemClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger,
        progress: @escaping @Sendable (SubmissionProgress) -> Void = { _ in }, edgeProbe: (any EdgeProbing)? = nil,
        logSource: (any CDNLogSource)? = nil, slsSource: (any SLSQuerying)? = nil, stop: StopRequest = StopRequest()
    ) {
        self.stop = stop
        self.logSource = logSource
        self.slsSource = slsSource
        self.edgeProbe = edgeProbe
        self.configuration = configuration
        self.api = api
        self.clock = clock
        self.jitter = jitter
        self.logger = logger
        self.progress = progress
    }

    /// Runs to the end and says how it went.
    ///
    /// The report is written where `--report` says before the journal records the run's summary and exit status,
    /// so the journal keeps the status the process returns; the metrics come last. A state directory that cannot
    /// be used (locked, unwritable) stops the run: exit 75 or 2, no report, metrics saying it failed.
    package func execute() async -> RunOutcome {
        if let refusal = Self.preflight(configuration) { return refusal }
        var context = Context(
            started: clock.now,
            limiter: SharedRateLimiter(RateLimiter(callsPerSecond: configuration.submission.callsPerSecond)),
            planning: configuration.planning)
        let store: StateStore?
        do {
            store = try openState()
        } catch {
            return stopped(by: error, context: context)
        }
        let outcome: RunOutcome
        do {
            outcome = try await phases(store, context: &context)
        } catch {
            store?.close()
            return stopped(by: error, context: context)
        }
        return finish(outcome, store: store)
    }

    /// The phases, from settling what a killed run left to the rows of every entry.
    private func phases(_ store: StateStore?, context: inout Context) async throws(StateError) -> RunOutcome {
        let refusedQuery = await expandRemoteInputs(context: &context)
        for limit in try store?.domainLimits(at: clock.wallNow) ?? [] {
            context.domainMemory[limit.domain] = limit.memory
        }
        let settlement = try await settle(store, context: &context)
        let expired = try expire(store)
        var reading = await read(context: &context)
        func gathered(quota: RefreshQuota?) throws(StateError) -> Gathered {
            try gather(
                store, reading: &reading, quota: quota, settlement: settlement, expired: expired, context: &context)
        }
        /// Nothing is planned: what was read waits in the backlog, and `end` reports why.
        func unplanned(_ end: (Gathered, inout Context) -> RunOutcome) throws(StateError) -> RunOutcome {
            let gathered = try gathered(quota: nil)
            try keep(gathered.candidates, in: store, inputNames: context.inputNames)
            return end(gathered, &context)
        }
        // Told to stop before anything was sent.
        if stop.isRequested { return try unplanned { stoppedBeforeSending(gathered: $0, context: &$1, store: store) } }
        if let refusedQuery {
            // SLS refused a query for good: nothing is planned.
            return try unplanned {
                unsent(
                    $0, code: "QueryRefused", message: "not planned: " + refusedQuery, reason: refusedQuery,
                    exit: .nothingDone, context: &$1, store: store)
            }
        }
        if let refusal = settlement.refusal {
            return try unplanned { refused(refusal, gathered: $0, context: &$1, store: store) }
        }
        let budget: QuotaBudget?
        let resolution = await resolveQuota(hasWork: try hasWork(reading, store: store), context: context)
        if stop.isRequested { return try unplanned { stoppedBeforeSending(gathered: $0, context: &$1, store: store) } }
        switch resolution {
        case .nothingToSubmit:
            budget = nil
            context.summary.quotaOrigin = "not read: nothing to submit"
        case .budget(let resolved):
            budget = resolved
            context.summary.quotaOrigin = resolved.originText
        case .failed(let error, let reason):
            // Without a quota nothing is planned.
            return try unplanned { refused(error, gathered: $0, context: &$1, store: store, reason: reason) }
        }
        let candidates = try gathered(quota: budget?.quota)
        return try await submitAndReport(candidates, budget: budget, store: store, context: &context)
    }

    /// Plans what was gathered within the budget, submits it, prefetches and verifies, and makes the outcome.
    private func submitAndReport(
        _ gathered: Gathered, budget: QuotaBudget?, store: StateStore?, context: inout Context
    ) async throws(StateError) -> RunOutcome {
        let quota = (budget ?? configuration.planning.quota.resolve(live: nil)).quota
        let plan = try planAndClaim(gathered, quota: quota, store: store, context: context)
        let submitted = await submit(plan, store: store, context: context)
        keepFindings(submitted.result.pacing.findings, in: store, context: &context)
        let (prefetched, verified) = await afterRefresh(
            plan, submitted: submitted, budget: budget, store: store, context: &context)
        let backlog = bound(store, context: &context)
        var result = outcome(
            plan: plan, submitted: submitted, prefetched: prefetched, verified: verified, gathered: gathered,
            budget: budget, backlog: backlog, context: &context)
        if let signal = stop.signal, let status = ExitStatus(signal: signal) {
            // Stopped early: the journal keeps the run as interrupted, and the exit says which signal.
            result.exit = status
            result.halted = true
        }
        return result
    }

    /// Keeps what the submission found out of per-domain limits, for the rest of the run and for later runs to pace
    /// by from their first request.
    private func keepFindings(
        _ findings: [String: DomainPacer.Finding], in store: StateStore?, context: inout Context
    ) {
        for (domain, finding) in findings {
            context.domainMemory[domain] = DomainPacer.Memory(limit: finding.limit, proven: finding.proven)
        }
        guard let store, !findings.isEmpty else { return }
        do {
            try store.recordDomainFindings(findings, at: clock.wallNow)
        } catch {
            context.notices.append("\(error)")
            context.stateFailures += 1
        }
    }

    /// Prefetch and verification, after the refresh.
    ///
    /// A journal that cannot be written, or a stop signal, ends every further write (no prefetch, no resubmission);
    /// after a signal, nothing is verified either.
    private func afterRefresh(
        _ plan: Plan, submitted: Submitted, budget: QuotaBudget?, store: StateStore?, context: inout Context
    ) async -> (Prefetched, Verified) {
        let writes = submitted.result.halted == nil && !stop.isRequested
        let prefetched =
            writes ? await prefetch(plan, submitted: submitted, store: store, context: &context) : Prefetched()
        guard stop.signal == nil else { return (prefetched, Verified()) }
        let quotaLeft = writes ? budget.map { Self.quota($0.quota, lessWhatWasAccepted: [submitted.result]) } : nil
        let verified = await verify(plan, submitted: submitted, quotaLeft: quotaLeft, store: store, context: context)
        return (prefetched, verified)
    }

    /// Ends a run that has its rows: the report, then the journal's record of the run with the exit status the
    /// process returns, then the metrics.
    private func finish(_ outcome: RunOutcome, store: StateStore?) -> RunOutcome {
        var outcome = outcome
        do {
            try ReportWriter.write(outcome.rows, to: configuration.outputs.report)
        } catch {
            outcome.notices.insert("\(error)", at: 0)
            outcome.exit = outcome.exit.partial(if: true)
        }
        if let store {
            do {
                try store.finishRun(
                    id: configuration.runID, at: clock.wallNow,
                    summary: outcome.summary.document(exitCode: outcome.exit.rawValue), interrupted: outcome.halted)
            } catch {
                outcome.notices.append("\(error)")
                outcome.exit = outcome.exit.partial(if: true)
            }
            store.close()
        }
        if let notice = configuration.outputs.writeMetrics(
            outcome.summary, exit: outcome.exit, finishedAt: clock.wallNow)
        {
            outcome.notices.append(notice)
        }
        return outcome
    }

    /// The outcome of a run whose report or metrics may not be written where they are asked for (a link another
    /// user owns, a device, the state database, an input, a missing directory), found before anything is sent;
    /// `nil` when they may.
    package static func preflight(_ configuration: RunConfiguration) -> RunOutcome? {
        guard
            let (status, reason) = configuration.outputs.preflight(
                inputs: configuration.planning.allInputs, stateDirectory: configuration.stateDirectory)
        else { return nil }
        return RunOutcome(
            rows: [], summary: RunSummary(command: "run"), exit: status, notices: [reason], finished: false)
    }

    /// Records a run that could not start (no credentials, a sandbox that would not start): its metrics say it
    /// failed.
    ///
    /// - Returns: why the metrics could not be written, or `nil`.
    package static func recordFailedStart(_ configuration: RunConfiguration) -> String? {
        configuration.outputs.writeMetrics(RunSummary(command: "run"), exit: .nothingDone, finishedAt: Date())
    }

    /// The outcome of a run its state directory stopped: no report, the error, and metrics saying it failed.
    private func stopped(by error: StateError, context: Context) -> RunOutcome {
        var summary = RunSummary(command: "run")
        summary.elapsedSeconds = clock.now - context.started
        var outcome = RunOutcome(
            rows: [], summary: summary, exit: ExitStatus(error), notices: ["\(error)"], finished: false)
        if let notice = configuration.outputs.writeMetrics(summary, exit: outcome.exit, finishedAt: clock.wallNow) {
            outcome.notices.append(notice)
        }
        return outcome
    }

    /// What the phases share: when the run started, the one rate limiter, the inputs' names, and the summary and
    /// notices being put together.
    struct Context: Sendable {
        let started: Double
        let limiter: SharedRateLimiter
        /// The run's inputs and rules, its `cdn:` inputs listed into log files once ``listCDNLogs(context:)`` ran.
        var planning: PipelineConfiguration {
            didSet { inputNames = PlanningPipeline(configuration: planning).inputNames }
        }
        /// The inputs' names as `source` cells show them.
        private(set) var inputNames: [String]
        var summary = RunSummary(command: "run")
        var notices: [String] = []
        /// What each `sls:` input got, filled while it is read.
        var slsTallies: [SLSTally] = []
        /// What earlier runs (within a week), and this one's submission, learned of each domain's limit.
        var domainMemory: [String: DomainPacer.Memory] = [:]
        /// State writes after the submission that failed (each said in ``notices``): the run ends partial.
        var stateFailures = 0

        init(started: Double, limiter: SharedRateLimiter, planning: PipelineConfiguration) {
            self.started = started
            self.limiter = limiter
            self.planning = planning
            self.inputNames = PlanningPipeline(configuration: planning).inputNames
        }
    }

    /// The caller every API call of the run goes through (the shared limiter, retries, jitter).
    func caller(_ context: Context) -> APICaller {
        APICaller(limiter: context.limiter, clock: clock, retry: configuration.submission.retry, jitter: jitter)
    }

    /// Keeps entries in the backlog for a later run (collapsed entries are not kept: their files are).
    func keep(_ candidates: [Candidate], in store: StateStore?, inputNames: [String]) throws(StateError) {
        guard let store else { return }
        let now = clock.wallNow
        try store.upsertBacklog(
            candidates.lazy.filter { !$0.collapsed }.map {
                BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now)
            },
            claimedBy: nil, at: now)
    }

}
