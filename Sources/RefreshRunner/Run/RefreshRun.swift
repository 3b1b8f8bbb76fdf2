import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// `cdn-refresh run` from start to end: state and recovery, inputs and backlog, live quota, plan, submission,
/// report rows, summary and exit code.
///
/// With a state directory: takes the lock, settles requests a killed run left `sending` (look-ups), skips what an
/// interrupted run already had accepted, merges the backlog, claims the selected entries before submitting
/// them, and keeps whatever is not accepted for the next run. Nothing here writes the report or prints; the CLI
/// does. Each phase is a method that returns what the next one needs (`RefreshRun+Phases.swift`,
/// `RefreshRun+Report.swift`).
package final class RefreshRun: Sendable {
    package let configuration: RunConfiguration
    let api: any RefreshAPI
    let clock: any RunnerClock
    let jitter: @Sendable () -> Double
    let logger: Logger
    let progress: @Sendable (SubmissionProgress) -> Void
    let edgeProbe: (any EdgeProbing)?

    /// - Parameter edgeProbe: how `--verify` reaches the CDN (and the origin); without it nothing is verified.
    package init(
        configuration: RunConfiguration, api: any RefreshAPI, clock: any RunnerClock = SystemClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger,
        progress: @escaping @Sendable (SubmissionProgress) -> Void = { _ in }, edgeProbe: (any EdgeProbing)? = nil
    ) {
        self.edgeProbe = edgeProbe
        self.configuration = configuration
        self.api = api
        self.clock = clock
        self.jitter = jitter
        self.logger = logger
        self.progress = progress
    }

    /// Runs; throws only when the state directory cannot be used (locked, unwritable).
    package func execute() async throws(StateError) -> RunOutcome {
        var context = Context(
            started: clock.now,
            limiter: SharedRateLimiter(RateLimiter(callsPerSecond: configuration.submission.callsPerSecond)),
            inputNames: PlanningPipeline(configuration: configuration.planning).inputNames)
        let store = try openState()
        let settlement = try await settle(store, context: &context)
        let expired = try expire(store)
        var reading = read(context: &context)
        func gathered(sending options: PlannerOptions?) throws(StateError) -> Gathered {
            try gather(
                store, reading: &reading, sending: options, settlement: settlement, expired: expired,
                context: &context)
        }
        if let refusal = settlement.refusal {
            let gathered = try gathered(sending: nil)
            try keep(gathered.candidates, in: store, inputNames: context.inputNames)
            return refused(refusal, gathered: gathered, context: &context, store: store)
        }
        let budget: QuotaBudget?
        switch await resolveQuota(hasWork: try hasWork(reading, store: store), context: context) {
        case .nothingToSubmit:
            budget = nil
            context.summary.quotaOrigin = "not read: nothing to submit"
        case .budget(let resolved):
            budget = resolved
            context.summary.quotaOrigin = resolved.originText
        case .failed(let error, let reason):
            // Without a quota nothing is planned; the candidates wait in the backlog.
            let gathered = try gathered(sending: nil)
            try keep(gathered.candidates, in: store, inputNames: context.inputNames)
            return refused(error, gathered: gathered, context: &context, store: store, reason: reason)
        }
        let gathered = try gathered(sending: budget.map { configuration.planning.planOptions(for: $0) })
        let plan = try planAndClaim(gathered, budget: budget, store: store, context: context)
        let submitted = await submit(plan, store: store, context: context)
        let prefetched = await prefetch(plan, submitted: submitted, store: store, context: &context)
        let verified = await verify(plan, submitted: submitted, context: context)
        let backlog = try bound(store)
        let result = outcome(
            plan: plan, submitted: submitted, after: AfterRefresh(prefetched: prefetched, verified: verified),
            gathered: gathered, budget: budget, backlog: backlog, context: &context)
        try store?.finishRun(
            id: configuration.runID, at: clock.wallNow, summary: result.summary.json(exitCode: result.exit.code))
        store?.close()
        return result
    }

    /// What the phases share: when the run started, the one rate limiter, the inputs' names, and the summary and
    /// notices being put together.
    struct Context {
        let started: Double
        let limiter: SharedRateLimiter
        let inputNames: [String]
        var summary = RunSummary(command: "run")
        var notices: [String] = []

        init(started: Double, limiter: SharedRateLimiter, inputNames: [String]) {
            self.started = started
            self.limiter = limiter
            self.inputNames = inputNames
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
