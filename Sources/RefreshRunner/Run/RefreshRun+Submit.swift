import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// What a write phase found: the result, how many journal writes failed, and the backlog entries the run had
    /// not read that its accepted Directory and IgnoreParams entries refreshed.
    struct Submitted {
        var result: SubmissionResult
        var journalFailures: Int
        var swept: [SweptEntry]

        /// Nothing sent.
        static let none = Submitted(
            result: SubmissionResult(
                entries: [], requests: 0, attempts: 0, retries: 0, stopError: nil, stoppedKinds: []),
            journalFailures: 0, swept: [])
    }

    /// Plans within `quota`, and claims what will be sent (and what it covers) so a killed run loses nothing.
    ///
    /// Covered entries are claimed too: they leave the backlog when their Directory or IgnoreParams entry is
    /// accepted, and stay if it is not. Collapsed entries are never kept in the backlog; their files are.
    func planAndClaim(_ gathered: Gathered, quota: RefreshQuota, store: StateStore?, context: Context)
        throws(StateError) -> Plan
    {
        var options = configuration.planning.planOptions
        // Domains with limits are paced apart: one domain to a request, so that a domain waiting for room never
        // holds another's URLs.
        options.separateDomains =
            configuration.submission.domainURLsPerMinute != nil
            || context.domainMemory.values.contains { $0.limit != nil }
        let plan = Planner.plan(
            candidates: gathered.candidates, invalid: gathered.invalid, quota: quota, options: options,
            reads: gathered.reads)
        let now = clock.wallNow
        let inputNames = context.inputNames
        try store?.writeBack(
            claimed: (plan.batches.flatMap(\.entries) + plan.covered).filter { !$0.collapsed }.map {
                BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now)
            },
            kept: plan.deferred.lazy.filter { !$0.collapsed }.map {
                BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now)
            }, runID: configuration.runID, at: now)
        if configuration.prefetch != nil, let store {
            // Meant to be pushed once refreshed: a run killed before its prefetch phase leaves them to the next.
            try store.wantPrefetch(
                (plan.batches.flatMap(\.entries) + plan.covered).filter { $0.type == .file && !$0.collapsed }.map(
                    \.url),
                runID: configuration.runID, at: now)
        }
        return plan
    }

    /// Submits the plan's batches, drawing the progress bar.
    func submit(_ plan: Plan, store: StateStore?, context: Context) async -> Submitted {
        await write(
            plan.batches, as: .refresh, phase: nil, keeping: plan.batches.flatMap(\.entries).filter { !$0.collapsed },
            store: store, context: context, progress: progress)
    }

    /// Sends `batches` the one way every API write of the run goes — the plan's refreshes, the resubmission of
    /// stale URLs, the prefetches.
    ///
    /// Through the run's one rate limiter with its retries; each request journaled `sending` before it leaves and
    /// `accepted` (or `rejected`) after; a lost answer looked up before anything is sent again; the tasks polled
    /// until they finish when the run waits.
    ///
    /// - Parameters:
    ///   - phase: a name that keeps this phase's journal keys apart from the plan's (`nil` for the plan itself).
    ///   - keeping: the entries to keep in the backlog when their request is deferred or fails for a passing reason.
    ///   - polls: whether to wait for the tasks when the run waits (a resubmission does not: nothing follows it).
    func write(
        _ batches: [Batch], as operation: SubmissionOperation, phase: String?, keeping candidates: [Candidate],
        polls: Bool = true, store: StateStore?, context: Context,
        progress: @escaping @Sendable (SubmissionProgress) -> Void = { _ in }
    ) async -> Submitted {
        let key = phase.map { "\(configuration.runID)-\($0)" } ?? configuration.runID
        let journal = store.map {
            JournalRecorder(
                store: $0, runID: configuration.runID, candidates: candidates, inputNames: context.inputNames,
                clock: clock, logger: logger)
        }
        var options = configuration.effectiveSubmission
        options.wait = options.wait && polls
        let engine = SubmissionEngine(
            batches: batches, operation: operation, options: options, api: api,
            limiter: context.limiter, clock: clock, runKey: key, jitter: jitter,
            record: { event in journal?.record(event) ?? true }, progress: progress, stop: stop,
            remembered: context.domainMemory, logger: logger)
        let result = await engine.run()
        return Submitted(result: result, journalFailures: journal?.failureCount ?? 0, swept: journal?.swept ?? [])
    }
}
