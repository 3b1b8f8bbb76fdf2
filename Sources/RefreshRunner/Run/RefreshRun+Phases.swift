import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// What settling the requests of a killed run found.
    struct Settlement {
        /// Entries whose interrupted request could not be confirmed: they are not sent in this run.
        var withheld: Set<CandidateKey> = []
        /// Entries a look-up found accepted.
        var recovered: Set<CandidateKey> = []
        /// Credentials refused during the look-ups: the run reads its inputs and stops.
        var refusal: APICallError?
        /// The backlog entries of the unanswered requests, as they were before the look-ups.
        var backlogBefore: [BacklogEntry] = []
        /// Rows for backlog entries beneath the Directory and IgnoreParams entries the look-ups found accepted.
        var sweptRows: [ReportRow] = []
    }

    /// What the run will plan: candidates from the backlog and the inputs, and the rows of what it will not send.
    struct Gathered {
        var candidates: [Candidate]
        /// Per-directory reads, for the collapse ratio.
        var reads: ReadStatistics
        var invalid: [InvalidLine]
        /// Rows for entries held back because an interrupted request with them could not be confirmed.
        var withheldRows: [ReportRow]
        /// Rows for entries an interrupted run already had accepted (or refreshed through a directory).
        var earlierRows: [ReportRow]
        /// Rows for backlog entries that left it for age (and did not come back in the inputs).
        var expiredRows: [ReportRow]
        /// Rows for backlog entries beneath what the look-ups of a killed run's requests found accepted.
        var settledRows: [ReportRow] = []
        /// Backlog entries the run did not read (they wait, untouched, unless something it sends covers them).
        var unread = 0
    }

    /// What the backlog holds once the run has written its changes.
    struct BacklogAfterRun {
        /// Entries that left it because it held more than `--backlog-max-entries`.
        var dropped: [BacklogEntry] = []
        /// Its size; `nil` without state.
        var size: Int?
    }

    /// How the run's quota was settled.
    enum QuotaResolution {
        case nothingToSubmit
        case budget(QuotaBudget)
        case failed(APICallError, reason: String)
    }

    /// Takes the state directory's lock and starts the run's record; `nil` with `--no-state`.
    func openState() throws(StateError) -> StateStore? {
        guard let directory = configuration.stateDirectory else { return nil }
        let store = try StateStore(directory: directory, exclusive: true)
        try store.beginRun(id: configuration.runID, at: clock.wallNow)
        return store
    }

    /// Settles what a killed run left unanswered: look-ups decide which of its URLs were accepted.
    func settle(_ store: StateStore?, context: inout Context) async throws(StateError) -> Settlement {
        var settlement = Settlement()
        guard let store else { return settlement }
        let pending = try store.pendingRequests()
        guard !pending.isEmpty else { return settlement }
        // Only the entries of the unanswered requests matter here; the rest of the backlog is not read for them.
        let unanswered = Set(
            pending.flatMap { request in request.urls.map { CandidateKey(url: $0, type: request.type) } })
        settlement.backlogBefore = try store.backlog(BacklogQuery(named: Array(unanswered)))
        let recovery = Recovery(api: api, caller: caller(context))
        for request in pending {
            let found: [String: String]
            do {
                found = try await recovery.lookUp(request)
            } catch {
                if error.classification == .authentication {
                    settlement.refusal = error  // read the inputs anyway: their entries wait in the backlog
                    break
                }
                for url in request.urls { settlement.withheld.insert(CandidateKey(url: url, type: request.type)) }
                context.notices.append(
                    "could not confirm whether \(request.urls.count) URLs of an interrupted request were accepted "
                        + "(\(error.code)); they stay in the backlog for the next run")
                continue
            }
            let swept = try store.recordReconciled(
                key: request.key, type: request.type, found: found, at: clock.wallNow)
            settlement.sweptRows += swept.map { swept in
                var row = ReportRow(
                    candidate: swept.entry.candidate(ordinal: 0), status: .covered, inputNames: context.inputNames)
                row.coveredBy = swept.coveredBy
                row.taskID = found[swept.coveredBy] ?? ""
                row.errorMessage = "refreshed by an interrupted run's accepted \(request.type.rawValue) entry"
                return row
            }
            logger.info(
                "Settled a request left unanswered by an interrupted run",
                metadata: [
                    "request.key": "\(request.key)", "request.urls": "\(request.urls.count)",
                    "request.found": "\(found.count)",
                ])
            for url in found.keys { settlement.recovered.insert(CandidateKey(url: url, type: request.type)) }
        }
        return settlement
    }

    /// Lets entries older than `--backlog-max-age` go, and returns them.
    func expire(_ store: StateStore?) throws(StateError) -> [BacklogEntry] {
        try store?.expireBacklog(
            firstSeenBefore: clock.wallNow.addingTimeInterval(-configuration.backlogLimits.maxAge)) ?? []
    }

    /// Reads every input (not yet merged with the backlog) and counts what was read.
    func read(context: inout Context) -> InputReading {
        let reading = PlanningPipeline(configuration: configuration.planning).readInputs(logger: logger)
        context.summary.add(inputs: reading.digests)
        context.notices += reading.digests.compactMap(\.damage).map { "\($0)" }
        return reading
    }

    /// Whether the run has anything it could send: candidates in the inputs or entries in the backlog.
    func hasWork(_ reading: InputReading, store: StateStore?) throws(StateError) -> Bool {
        if reading.candidateCount > 0 { return true }
        return try (store?.backlogCount() ?? 0) > 0
    }

    /// Merges what the run reads of the backlog with what was read from the inputs, holding back what must not be
    /// sent in this run; the reading's tables are released.
    ///
    /// - Parameter options: what the run can send (`nil`: nothing; only the entries the inputs name are read).
    func gather(
        _ store: StateStore?, reading: inout InputReading, sending options: PlannerOptions?, settlement: Settlement,
        expired: [BacklogEntry], context: inout Context
    ) throws(StateError) -> Gathered {
        let inputNames = context.inputNames
        let withheld = settlement.withheld
        let backlogSize = try store?.backlogCount() ?? 0
        var entries: [BacklogEntry] = []
        if let store, backlogSize > 0 {
            entries = try store.backlog(
                .planning(
                    reading, options: options ?? configuration.planning.planOptions, store: store,
                    sendable: options != nil, withheld: withheld.count,
                    collapseWindow: configuration.backlogLimits.collapseWindow))
        }
        let backlog = entries.filter { !withheld.contains(CandidateKey(url: $0.url, type: $0.type)) }
            .enumerated().map { $1.candidate(ordinal: $0) }
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
        let earlierRows = try skipEarlierAcceptances(
            &candidates, store: store, settlement: settlement, inputNames: inputNames)
        return Gathered(
            candidates: candidates, reads: reading.reads, invalid: reading.invalid, withheldRows: withheldRows,
            earlierRows: earlierRows, expiredRows: expiredRows(expired, candidates: candidates),
            settledRows: Self.unreported(settlement.sweptRows, candidates: candidates, rows: earlierRows),
            unread: backlogSize - entries.count)
    }

    /// The rows of `swept` whose entries neither have a row among `rows` nor are candidates (which get their own).
    private static func unreported(_ swept: [ReportRow], candidates: [Candidate], rows: [ReportRow]) -> [ReportRow] {
        guard !swept.isEmpty else { return [] }
        var known = Set(candidates.map(\.key))
        for row in rows { if let type = row.type { known.insert(CandidateKey(url: row.url, type: type)) } }
        return swept.filter { row in row.type.map { !known.contains(CandidateKey(url: row.url, type: $0)) } ?? true }
    }

    /// One `expired` row per entry that left the backlog for age, unless the inputs name it again: then it is a
    /// new change, planned afresh, and its own row says what happened to it.
    private func expiredRows(_ expired: [BacklogEntry], candidates: [Candidate]) -> [ReportRow] {
        guard !expired.isEmpty else { return [] }
        let current = Set(candidates.map(\.key))
        let age = configuration.backlogLimits.ageText
        let dates = ISO8601DateFormatter()
        return expired.filter { !current.contains(CandidateKey(url: $0.url, type: $0.type)) }.map { entry in
            var row = ReportRow(candidate: entry.candidate(ordinal: 0), status: .expired, inputNames: [])
            row.errorMessage =
                "left the backlog unrefreshed: waiting since \(dates.string(from: entry.firstSeen)), "
                + "longer than --backlog-max-age \(age)"
            return row
        }
    }

    /// Holds the backlog to `--backlog-max-entries` once this run's deferrals are in it: the lowest-ranked go.
    func bound(_ store: StateStore?) throws(StateError) -> BacklogAfterRun {
        guard let store else { return BacklogAfterRun() }
        let dropped = try store.dropBacklog(keeping: configuration.backlogLimits.maxEntries)
        return BacklogAfterRun(dropped: dropped, size: try store.backlogCount())
    }

    /// Drops what an interrupted run already had accepted, unless it changed since, and returns its rows.
    ///
    /// A file beneath a Directory entry (or a query variant of an IgnoreParams entry) such a run had accepted is
    /// dropped too: that entry refreshed it.
    private func skipEarlierAcceptances(
        _ candidates: inout [Candidate], store: StateStore?, settlement: Settlement, inputNames: [String]
    ) throws(StateError) -> [ReportRow] {
        let acceptances = try store?.acceptancesOfInterruptedRuns() ?? []
        guard !acceptances.isEmpty else { return [] }
        var earlier: [CandidateKey: EarlierAcceptance] = [:]
        var directories: Set<String> = []
        var ignoreParams: Set<String> = []
        for acceptance in acceptances {
            earlier[CandidateKey(url: acceptance.url, type: acceptance.type)] = acceptance
            switch acceptance.type {
            case .directory: directories.insert(acceptance.url)
            case .ignoreparams: ignoreParams.insert(acceptance.url)
            case .file, .regex: break
            }
        }
        var rows: [ReportRow] = []
        var reported: Set<CandidateKey> = []
        candidates = candidates.filter { candidate in
            func isUnchanged(since acceptance: EarlierAcceptance) -> Bool {
                (candidate.latestChange ?? .min) <= Int64(acceptance.acceptedAt.timeIntervalSince1970)
            }
            if let acceptance = earlier[candidate.key], isUnchanged(since: acceptance) {
                rows.append(RunReport.earlier(candidate, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                return false
            }
            if candidate.type == .file || candidate.type == .directory,
                let covering = Coverage.entry(
                    covering: candidate.url, directories: directories,
                    ignoreParams: candidate.type == .file ? ignoreParams : []),
                let acceptance = earlier[
                    CandidateKey(url: covering, type: directories.contains(covering) ? .directory : .ignoreparams)],
                isUnchanged(since: acceptance)
            {
                rows.append(
                    RunReport.earlier(candidate, coveredBy: covering, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                return false
            }
            return true
        }
        // Backlog entries the look-ups found accepted left the backlog; report them once.
        for (ordinal, entry) in settlement.backlogBefore.enumerated() {
            let key = CandidateKey(url: entry.url, type: entry.type)
            guard settlement.recovered.contains(key), !reported.contains(key), let acceptance = earlier[key] else {
                continue
            }
            rows.append(
                RunReport.earlier(entry.candidate(ordinal: ordinal), acceptance: acceptance, inputNames: inputNames))
        }
        return rows
    }

    /// The quota to plan with: the given values when they are complete, else the live quota capped by them.
    func resolveQuota(hasWork: Bool, context: Context) async -> QuotaResolution {
        let request = configuration.planning.quota
        if !hasWork { return .nothingToSubmit }
        if request.isComplete { return .budget(request.resolve(live: nil)) }
        do {
            let api = self.api
            let live = try await caller(context).call(.describeRefreshQuota) { () async throws(APICallError) in
                try await api.describeRefreshQuota()
            }
            return .budget(request.resolve(live: live.remaining))
        } catch {
            let reason =
                "cannot read the quota: " + error.summary
                + (error.classification == .authentication
                    ? "" : " (pass --quota-urls and --quota-dirs to plan without it)")
            return .failed(error, reason: reason)
        }
    }

    /// Plans, and claims what will be sent (and what it covers) so a killed run loses nothing.
    ///
    /// Covered entries are claimed too: they leave the backlog when their Directory or IgnoreParams entry is
    /// accepted, and stay if it is not. Collapsed entries are never kept in the backlog; their files are.
    func planAndClaim(_ gathered: Gathered, budget: QuotaBudget?, store: StateStore?, context: Context)
        throws(StateError) -> Plan
    {
        let budget = budget ?? configuration.planning.quota.resolve(live: nil)
        let plan = Planner.plan(
            candidates: gathered.candidates, invalid: gathered.invalid,
            options: configuration.planning.planOptions(for: budget), reads: gathered.reads)
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

    /// What submitting found: the result, how many journal writes failed, and the backlog entries the run had not
    /// read that its accepted Directory and IgnoreParams entries refreshed.
    struct Submitted {
        var result: SubmissionResult
        var journalFailures: Int
        var swept: [SweptEntry]
    }

    /// Submits the plan's batches.
    func submit(_ plan: Plan, store: StateStore?, context: Context) async -> Submitted {
        let journal = store.map {
            JournalRecorder(
                store: $0, runID: configuration.runID,
                candidates: plan.batches.flatMap(\.entries).filter { !$0.collapsed },
                inputNames: context.inputNames, clock: clock, logger: logger)
        }
        let engine = SubmissionEngine(
            batches: plan.batches, options: configuration.submission, api: api, limiter: context.limiter,
            clock: clock, runKey: configuration.runID, jitter: jitter, record: { journal?.record($0) },
            progress: progress, logger: logger)
        let result = await engine.run()
        return Submitted(result: result, journalFailures: journal?.failureCount ?? 0, swept: journal?.swept ?? [])
    }
}
