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
/// does.
public final class RefreshRun: Sendable {
    public let configuration: RunConfiguration
    private let api: any RefreshAPI
    private let clock: any RunnerClock
    private let jitter: @Sendable () -> Double
    private let logger: Logger
    private let progress: @Sendable (SubmissionProgress) -> Void

    public init(
        configuration: RunConfiguration, api: any RefreshAPI, clock: any RunnerClock = SystemClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger,
        progress: @escaping @Sendable (SubmissionProgress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.api = api
        self.clock = clock
        self.jitter = jitter
        self.logger = logger
        self.progress = progress
    }

    /// Runs; throws only when the state directory cannot be used (locked, unwritable).
    public func execute() async throws(StateError) -> RunOutcome {
        let started = clock.now
        let options = configuration.submission
        let limiter = SharedRateLimiter(RateLimiter(callsPerSecond: options.callsPerSecond))
        let caller = APICaller(limiter: limiter, clock: clock, retry: options.retry, jitter: jitter)
        let pipeline = PlanningPipeline(configuration: configuration.planning)
        let inputNames = pipeline.inputNames
        var summary = RunSummary(command: "run")
        var notices: [String] = []
        var earlierRows: [ReportRow] = []

        // 1. State: lock, then settle what a killed run left unanswered.
        var store: StateStore?
        if let directory = configuration.stateDirectory {
            let opened = try StateStore(directory: directory, exclusive: true)
            try opened.beginRun(id: configuration.runID, at: clock.wallNow)
            store = opened
        }
        var withheld: Set<CandidateKey> = []
        var recovered: Set<CandidateKey> = []
        var refusal: APICallError?
        let backlogBefore = try store?.backlog() ?? []
        if let store {
            let recovery = Recovery(api: api, caller: caller)
            for request in try store.pendingRequests() {
                let found: [String: String]
                do {
                    found = try await recovery.lookUp(request)
                } catch {
                    if error.classification == .authentication {
                        refusal = error  // read the inputs anyway: their entries wait in the backlog
                        break
                    }
                    for url in request.urls { withheld.insert(CandidateKey(url: url, type: request.type)) }
                    notices.append(
                        "could not confirm whether \(request.urls.count) URLs of an interrupted request were accepted "
                            + "(\(error.code)); they stay in the backlog for the next run")
                    continue
                }
                try store.recordReconciled(key: request.key, type: request.type, found: found, at: clock.wallNow)
                logger.info(
                    "Settled a request left unanswered by an interrupted run",
                    metadata: [
                        "request.key": "\(request.key)", "request.urls": "\(request.urls.count)",
                        "request.found": "\(found.count)",
                    ])
                for url in found.keys { recovered.insert(CandidateKey(url: url, type: request.type)) }
            }
        }

        // 2. Candidates: backlog first, then the inputs.
        let backlog = try (store?.backlog() ?? []).filter {
            !withheld.contains(CandidateKey(url: $0.url, type: $0.type))
        }
        .enumerated().map { $1.candidate(ordinal: $0) }
        var reading = pipeline.readInputs(logger: logger)
        let digests = reading.digests
        summary.inputCount = digests.count
        for digest in digests {
            summary.lines.add(digest.counters)
            if let damage = digest.damage {
                summary.damagedInputs.append(damage)
                notices.append("\(damage)")
            }
        }
        var candidates = PlanningPipeline.candidates(from: &reading, backlog: backlog)
        var withheldRows: [ReportRow] = []
        if !withheld.isEmpty {
            // The same URLs in the input wait too: sending them now could pay for them twice.
            candidates = candidates.filter { candidate in
                guard withheld.contains(candidate.key) else { return true }
                var row = ReportRow(candidate: candidate, status: .deferred, inputNames: inputNames)
                row.errorMessage = "not sent: an interrupted request with this URL could not be confirmed yet"
                withheldRows.append(row)
                return false
            }
        }

        // 3. What an interrupted run already had accepted is not sent again (unless it changed since).
        var earlier: [CandidateKey: EarlierAcceptance] = [:]
        for acceptance in try store?.acceptancesOfInterruptedRuns() ?? [] {
            earlier[CandidateKey(url: acceptance.url, type: acceptance.type)] = acceptance
        }
        var reportedEarlier: Set<CandidateKey> = []
        if !earlier.isEmpty {
            candidates = candidates.filter { candidate in
                guard let acceptance = earlier[candidate.key],
                    (candidate.latestChange ?? .min) <= Int64(acceptance.acceptedAt.timeIntervalSince1970)
                else { return true }
                earlierRows.append(RunReport.earlier(candidate, acceptance: acceptance, inputNames: inputNames))
                reportedEarlier.insert(candidate.key)
                return false
            }
        }
        // Backlog entries the look-ups found accepted left the backlog; report them once.
        for (ordinal, entry) in backlogBefore.enumerated() {
            let key = CandidateKey(url: entry.url, type: entry.type)
            guard recovered.contains(key), !reportedEarlier.contains(key), let acceptance = earlier[key] else {
                continue
            }
            earlierRows.append(
                RunReport.earlier(entry.candidate(ordinal: ordinal), acceptance: acceptance, inputNames: inputNames))
        }

        // 4. Quota: live unless both --quota-urls and --quota-dirs are given.
        var quota = RefreshQuota.documentedDefaults
        if let refusal {
            try keep(candidates, in: store, inputNames: inputNames)
            return refused(
                refusal, summary: &summary, notices: notices, started: started, store: store,
                rows: deferredRows(candidates, error: refusal, inputNames: inputNames) + withheldRows
                    + digests.flatMap(\.invalid).map { ReportRow(invalid: $0, inputNames: inputNames) })
        }
        if candidates.isEmpty {
            summary.quotaOrigin = "not read: nothing to submit"
        } else if let urls = configuration.quotaURLs, let directories = configuration.quotaDirectories {
            quota.urls = urls
            quota.directories = directories
            summary.quotaOrigin = "from --quota-urls/--quota-dirs"
        } else {
            do {
                let live = try await caller.call("DescribeRefreshQuota") { () async throws(APICallError) in
                    try await self.api.describeRefreshQuota()
                }
                quota = live.remaining
                if let urls = configuration.quotaURLs { quota.urls = min(urls, quota.urls) }
                if let directories = configuration.quotaDirectories {
                    quota.directories = min(directories, quota.directories)
                }
                summary.quotaOrigin = "from DescribeRefreshQuota"
            } catch {
                // Without a quota nothing is planned; the candidates wait in the backlog.
                try keep(candidates, in: store, inputNames: inputNames)
                let reason =
                    "cannot read the quota: " + Self.describe(error)
                    + (error.classification == .authentication
                        ? "" : " (pass --quota-urls and --quota-dirs to plan without it)")
                return refused(
                    error, summary: &summary, notices: notices, started: started, store: store, reason: reason,
                    rows: deferredRows(candidates, error: error, inputNames: inputNames) + withheldRows
                        + digests.flatMap(\.invalid).map { ReportRow(invalid: $0, inputNames: inputNames) })
            }
        }

        // 5. Plan, and claim what will be sent so a killed run loses nothing.
        var planOptions = configuration.planning.planOptions
        planOptions.quota = quota
        let plan = Planner.plan(candidates: candidates, invalid: digests.flatMap(\.invalid), options: planOptions)
        let now = clock.wallNow
        // Covered entries are claimed too: they leave the backlog when their directory is accepted, and stay if
        // it is not.
        try store?.upsertBacklog(
            (plan.batches.flatMap(\.entries) + plan.covered).map {
                BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now)
            },
            claimedBy: configuration.runID, at: now)
        try keep(plan.deferred, in: store, inputNames: inputNames)

        // 6. Submit.
        let journal = store.map {
            JournalRecorder(
                store: $0, runID: configuration.runID, candidates: plan.batches.flatMap(\.entries),
                inputNames: inputNames, clock: clock, logger: logger)
        }
        let engine = SubmissionEngine(
            batches: plan.batches, options: options, api: api, limiter: limiter, clock: clock,
            runKey: configuration.runID, jitter: jitter, record: { journal?.record($0) }, progress: progress,
            logger: logger)
        let result = await engine.run()
        try store?.finishRun(id: configuration.runID, at: clock.wallNow)
        store?.close()

        // 7. Rows, summary, exit.
        var rows = result.entries.map { RunReport.row($0, inputNames: inputNames) }
        rows += earlierRows
        rows += withheldRows
        rows += plan.deferred.map { ReportRow(candidate: $0, status: .deferred, inputNames: inputNames) }
        rows += plan.covered.map { ReportRow(candidate: $0, status: .covered, inputNames: inputNames) }
        rows += plan.invalid.map { ReportRow(invalid: $0, inputNames: inputNames) }
        summary.count(rows)
        summary.requests = result.requests
        summary.retries = result.retries
        if !candidates.isEmpty {
            summary.quotaStart = quota
            var left = quota
            for entry in result.entries where !entry.outcome.taskIDs.isEmpty { left[entry.candidate.type] -= 1 }
            summary.quotaLeft = left
        }
        summary.elapsedSeconds = clock.now - started
        for type in result.stoppedTypes.sorted() {
            notices.append("the daily \(type.rawValue) quota ran out during the run; the rest was deferred")
        }
        if let failures = journal?.failureCount, failures > 0 {
            notices.append("\(failures) journal writes failed; see the log")
        }
        var exit: RunExit = summary.isPartial || (journal?.failureCount ?? 0) > 0 ? .partial : .success
        if let error = result.stopError {
            summary.stopReason = Self.describe(error)
            let accepted = result.entries.contains { !$0.outcome.taskIDs.isEmpty }
            exit = accepted ? .partial : .nothingDone
        }
        return RunOutcome(rows: rows, summary: summary, exit: exit, notices: notices)
    }

    /// Rows for candidates that were not planned because the API refused or failed before submission.
    private func deferredRows(_ candidates: [Candidate], error: APICallError, inputNames: [String]) -> [ReportRow] {
        candidates.map {
            var row = ReportRow(candidate: $0, status: .deferred, inputNames: inputNames)
            row.errorCode = error.code
            row.errorMessage = "not planned: " + error.message
            return row
        }
    }

    /// Keeps entries in the backlog for a later run.
    private func keep(_ candidates: [Candidate], in store: StateStore?, inputNames: [String]) throws(StateError) {
        guard let store else { return }
        let now = clock.wallNow
        try store.upsertBacklog(
            candidates.map { BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now) }, claimedBy: nil, at: now
        )
    }

    /// The outcome of a run stopped before submitting: exit 2 with the API's code and a hint.
    private func refused(
        _ error: APICallError, summary: inout RunSummary, notices: [String], started: Double, store: StateStore?,
        reason: String? = nil, rows: [ReportRow] = []
    ) -> RunOutcome {
        summary.stopReason = reason ?? Self.describe(error)
        summary.count(rows)
        summary.elapsedSeconds = clock.now - started
        try? store?.finishRun(id: configuration.runID, at: clock.wallNow)
        store?.close()
        return RunOutcome(rows: rows, summary: summary, exit: .nothingDone, notices: notices)
    }

    private static func describe(_ error: APICallError) -> String {
        var text = "\(error.code): \(error.message)"
        if case .api(let failure) = error, let hint = failure.body.hint { text += " — \(hint)" }
        return text
    }
}
