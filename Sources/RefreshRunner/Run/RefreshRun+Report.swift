import AlibabaCDN
import CDNRefresh
import Foundation

extension RefreshRun {
    /// Rows, summary, notices and exit status of a run that submitted its plan.
    func outcome(
        plan: Plan, submitted: Submitted, prefetched: Prefetched, verified: Verified, gathered: Gathered,
        budget: QuotaBudget?, backlog: BacklogAfterRun, context: inout Context
    ) -> RunOutcome {
        let inputNames = context.inputNames
        let result = submitted.result
        var rows = result.entries.map { RunReport.row($0, inputNames: inputNames) }
        rows += gathered.earlierRows
        rows += gathered.settledRows
        rows += gathered.withheldRows
        rows += plan.deferred.filter { !$0.isCarriedOverUntouched }.map {
            ReportRow(candidate: $0, status: .deferred, inputNames: inputNames)
        }
        rows += RunReport.covered(plan.covered, by: result.entries, inputNames: inputNames)
        rows += plan.invalid.map { ReportRow(invalid: $0, inputNames: inputNames) }
        rows += gathered.expiredRows
        let sweptUntouched = RunReport.addSwept(submitted.swept, to: &rows, by: result.entries)
        let droppedUntouched = RunReport.markDropped(
            backlog.dropped, in: &rows, maxEntries: configuration.backlogLimits.maxEntries)
        Self.apply(prefetched.outcomes, to: &rows)
        Self.apply(verified, to: &rows)
        var summary = summarize(
            rows, plan: plan, writes: [result, verified.resubmitted.result], budget: budget, backlog: backlog,
            context: context)
        summary.verified = verified.verdicts.values.reduce(into: [:]) { $0[$1.freshness.rawValue, default: 0] += 1 }
        summary.prefetched = prefetched.outcomes.values.reduce(into: [:]) { $0[$1.status.rawValue, default: 0] += 1 }
        // Untouched: read but not changed, or not read at all; less those that left with a row of their own.
        summary.untouchedBacklog =
            plan.deferred.count { $0.isCarriedOverUntouched } + gathered.unread - sweptUntouched - droppedUntouched
        var notices = context.notices
        for type in result.stoppedTypes {
            notices.append("the daily \(type.rawValue) quota ran out during the run; the rest was deferred")
        }
        let journalFailures =
            submitted.journalFailures + prefetched.journalFailures + verified.resubmitted.journalFailures
            + context.stateFailures
        if journalFailures > 0 { notices.append("\(journalFailures) journal writes failed; see the log") }
        if verified.staleCount > 0 {
            notices.append(
                "\(verified.staleCount) refreshed URLs are still served stale by the CDN (see the report's verify column)"
            )
        }
        let exit = ExitStatus.ofRun(
            summary, problems: journalFailures > 0 || verified.staleCount > 0,
            stopped: result.stopError != nil || result.halted != nil,
            accepted: result.entries.contains { !$0.outcome.taskIDs.isEmpty })
        var outcome = RunOutcome(rows: rows, summary: summary, exit: exit, notices: notices)
        outcome.halted = result.halted != nil
        return outcome
    }

    /// The summary's figures: rows by status, the requests sent and retried, the quota the writes left, the backlog,
    /// what collapsing did, why the submission stopped.
    private func summarize(
        _ rows: [ReportRow], plan: Plan, writes: [SubmissionResult], budget: QuotaBudget?,
        backlog: BacklogAfterRun, context: Context
    ) -> RunSummary {
        var summary = context.summary
        summary.count(rows)
        summary.backlogSize = backlog.size
        summary.requests = writes.reduce(0) { $0 + $1.requests }
        summary.retries = writes.reduce(0) { $0 + $1.retries }
        summary.collapse = plan.collapse
        if let budget {
            summary.quotaStart = budget.quota
            var left = Self.quota(budget.quota, lessWhatWasAccepted: writes)
            // The API said so: a type stopped by QuotaExceeded has nothing left, whatever the budget said.
            for type in writes.flatMap(\.stoppedTypes) { left[type] = 0 }
            summary.quotaLeft = left
        }
        summary.pacing = Self.pacing(of: writes)
        if let error = writes[0].stopError { summary.stopReason = error.summary }
        if let halted = writes[0].halted { summary.stopReason = halted }
        summary.elapsedSeconds = clock.now - context.started
        return summary
    }

    /// How per-domain limits paced `writes`; `nil` when no domain had a limit and the API refused nothing for pacing.
    static func pacing(of writes: [SubmissionResult]) -> PacingSummary? {
        var limits: [String: DomainPacer.Limit] = [:]
        var refusals: [String: Int] = [:]
        var wait = 0.0
        var deferred = 0
        for write in writes {
            limits.merge(write.pacing.limits) { $0.urls <= $1.urls ? $0 : $1 }
            refusals.merge(write.pacing.refusals, uniquingKeysWith: +)
            wait += write.pacing.waitSeconds
            deferred += write.pacing.deferred
        }
        guard !limits.isEmpty || !refusals.isEmpty || deferred > 0 else { return nil }
        return PacingSummary(
            domains: limits.sorted { $0.key < $1.key }.map {
                PacingSummary.Domain(domain: $0.key, urlsPerMinute: $0.value.urls, source: $0.value.source.rawValue)
            }, refusals: refusals, waitSeconds: wait, deferred: deferred)
    }

    /// What is left of `quota` once every entry the API accepted in `writes` is paid for.
    static func quota(_ quota: RefreshQuota, lessWhatWasAccepted writes: [SubmissionResult]) -> RefreshQuota {
        var left = quota
        for write in writes {
            let spent = write.accepted
            for type in EntryType.allCases { left[type] -= spent[type] }
        }
        return left
    }

    /// The outcome of a run stopped before submitting: nothing done, with the API's code and a hint.
    ///
    /// Every candidate is reported `deferred` with the error; it waits in the backlog (the caller kept it).
    func refused(
        _ error: APICallError, gathered: Gathered, context: inout Context, store: StateStore?, reason: String? = nil
    ) -> RunOutcome {
        unsent(
            gathered, code: error.code, message: "not planned: " + error.message, reason: reason ?? error.summary,
            exit: .nothingDone, context: &context, store: store)
    }

    /// The outcome of a run told to stop (SIGTERM, SIGINT) before it sent anything: every candidate is reported
    /// `deferred` (code `Stopped`) and waits in the backlog (the caller kept it); exit 143 or 130.
    func stoppedBeforeSending(gathered: Gathered, context: inout Context, store: StateStore?) -> RunOutcome {
        let signal = stop.signal ?? 15
        let reason = SubmissionEngine.stopped(by: signal).replacingOccurrences(
            of: "nothing more was sent; what was in flight was settled", with: "nothing was sent")
        var outcome = unsent(
            gathered, code: "Stopped", message: "not sent: \(reason); it waits in the backlog", reason: reason,
            exit: ExitStatus(signal: signal) ?? .partial, context: &context, store: store)
        outcome.halted = true
        return outcome
    }

    func unsent(
        _ gathered: Gathered, code: String, message: String, reason: String, exit: ExitStatus, context: inout Context,
        store: StateStore?
    ) -> RunOutcome {
        let inputNames = context.inputNames
        var rows = gathered.candidates.filter { !$0.collapsed }.map {
            var row = ReportRow(candidate: $0, status: .deferred, inputNames: inputNames)
            row.errorCode = code
            row.errorMessage = message
            return row
        }
        rows += gathered.earlierRows
        rows += gathered.withheldRows
        rows += gathered.settledRows
        rows += gathered.invalid.map { ReportRow(invalid: $0, inputNames: inputNames) }
        rows += gathered.expiredRows
        var summary = context.summary
        summary.stopReason = reason
        summary.count(rows)
        if let store { summary.backlogSize = try? store.backlogCount() }
        summary.elapsedSeconds = clock.now - context.started
        return RunOutcome(rows: rows, summary: summary, exit: exit, notices: context.notices)
    }
}
