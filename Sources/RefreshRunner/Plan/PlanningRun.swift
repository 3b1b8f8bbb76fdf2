import CDNRefresh
import Foundation
import Logging

/// `cdn-refresh plan` from start to end: the inputs, the backlog (read only), the plan, the report (or the
/// manifest), the summary, the exit status and the metrics — everything `run` does but submit.
///
/// Nothing here prints: the outcome carries the summary and the notices.
package struct PlanningRun: Sendable {
    package let configuration: PlanningRunConfiguration
    let logger: Logger

    package init(configuration: PlanningRunConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Plans and writes the report; a backlog that cannot be read or a report that cannot be written stops it
    /// (exit 2).
    ///
    /// - Parameter remote: the remote inputs (`cdn:`, `sls:`) made readable (``RemoteInputs``); `nil` when there are
    ///   none. A query SLS refused stops it (exit 2).
    package func execute(remote: RemoteInputs.Expanded? = nil) -> PlanOutcome {
        if let (status, reason) = configuration.outputs.preflight(
            inputs: configuration.planning.allInputs, stateDirectory: configuration.stateDirectory)
        {
            return PlanOutcome(
                plan: nil, summary: RunSummary(command: "plan"), exit: status, notices: [reason], finished: false)
        }
        let started = Date()
        if let fatal = remote?.fatal { return stopped(by: fatal, started: started) }
        let budget = configuration.planning.quota.resolve(live: nil)
        let pipeline = PlanningPipeline(configuration: remote?.configuration ?? configuration.planning)
        var reading = pipeline.readInputs(logger: logger)
        if configuration.emit == .manifest { return emitManifest(&reading, started: started) }
        let backlog: PlanningBacklog
        do {
            backlog = try self.backlog(reading, quota: budget.quota)
        } catch {
            return stopped(by: "\(error)", started: started)
        }
        let plan = pipeline.plan(reading: &reading, backlog: backlog.candidates, quota: budget.quota)
        // An expiring entry that the inputs name again is planned as a new change, not reported as leaving.
        var named: Set<CandidateKey> = []
        if !backlog.expiring.isEmpty {
            named = Set(plan.batches.flatMap(\.entries).map(\.key) + (plan.deferred + plan.covered).map(\.key))
        }
        let leaving = RunReport.expired(
            backlog.expiring, except: named, limits: configuration.backlogLimits, prospective: true)
        let rows = [
            AnySequence(ReportRow.planRows(for: plan, inputNames: pipeline.inputNames)), AnySequence(leaving),
        ]
        .joined()
        do {
            try ReportWriter.write(rows, to: configuration.outputs.report)
        } catch {
            return stopped(by: "\(error)", started: started)
        }
        var summary = RunSummary(command: "plan")
        summary.cdnLogs = remote?.cdnLogs ?? []
        summary.sls = remote?.slsTallies.map(\.current) ?? []
        summary.add(inputs: reading.digests)
        summary.count(plan)
        summary.count(leaving)
        summary.requests = plan.batches.count
        summary.quotaStart = plan.quota
        summary.quotaLeft = plan.quotaLeft
        summary.quotaOrigin = budget.originText
        summary.collapse = plan.collapse
        summary.backlogSize = backlog.size
        summary.untouchedBacklog = backlog.unread
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        var outcome = PlanOutcome(
            plan: plan, summary: summary, exit: summary.isPartial ? .partial : .success,
            notices: summary.damagedInputs.map { "\($0)" } + (backlog.notice.map { [$0] } ?? []))
        if let notice = configuration.outputs.writeMetrics(summary, exit: outcome.exit, finishedAt: Date()) {
            outcome.notices.append(notice)
        }
        return outcome
    }

    /// `--emit manifest`: the inputs' merged candidates as a mergeable manifest, and a one-line summary.
    private func emitManifest(_ reading: inout InputReading, started: Date) -> PlanOutcome {
        let digests = reading.digests
        let invalid = reading.invalid.count
        let candidates = PlanningPipeline.candidates(from: &reading, backlog: [])
        do {
            try ManifestWriter.write(candidates, to: configuration.outputs.report)
        } catch {
            return PlanOutcome(
                plan: nil, summary: RunSummary(command: "plan"), exit: .nothingDone, notices: ["\(error)"],
                finished: false)
        }
        var summary = RunSummary(command: "plan")
        summary.add(inputs: digests)
        let elapsed = String(format: "%.2f", Date().timeIntervalSince(started))
        let line =
            "cdn-refresh plan: \(digests.count) \(digests.count == 1 ? "input" : "inputs"), \(candidates.count) "
            + "entries emitted as a manifest, \(invalid) invalid lines, \(elapsed) s"
        let damaged = invalid > 0 || !summary.damagedInputs.isEmpty
        return PlanOutcome(
            plan: nil, summary: summary, exit: damaged ? .partial : .success,
            notices: summary.damagedInputs.map { "\($0)" }, manifestLine: line)
    }

    /// The outcome of a plan stopped by its backlog or its report: nothing done.
    private func stopped(by reason: String, started: Date) -> PlanOutcome {
        var summary = RunSummary(command: "plan")
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        var outcome = PlanOutcome(plan: nil, summary: summary, exit: .nothingDone, notices: [reason], finished: false)
        if let notice = configuration.outputs.writeMetrics(summary, exit: outcome.exit, finishedAt: Date()) {
            outcome.notices.append(notice)
        }
        return outcome
    }
}
