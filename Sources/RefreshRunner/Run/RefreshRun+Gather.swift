import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
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

    /// Lets entries older than `--backlog-max-age` go, and returns them.
    func expire(_ store: StateStore?) throws(StateError) -> [BacklogEntry] {
        try store?.expireBacklog(
            firstSeenBefore: clock.wallNow.addingTimeInterval(-configuration.backlogLimits.maxAge)) ?? []
    }

    /// Lists the `cdn:` inputs into their log files and queries the `sls:` inputs (nothing to do without them);
    /// returns why the run cannot go on, if SLS refused a query for good.
    func expandRemoteInputs(context: inout Context) async -> String? {
        guard context.planning.allInputs.contains(where: \.isRemote) else { return nil }
        let remote = RemoteInputs(
            logSource: logSource, slsSource: slsSource, caller: caller(context), sls: configuration.sls, logger: logger,
            stop: stop)
        let expanded = await remote.expand(context.planning, now: clock.wallNow)
        context.planning = expanded.configuration
        context.summary.cdnLogs = expanded.cdnLogs
        context.slsTallies = expanded.slsTallies
        return expanded.fatal
    }

    /// Reads every input (not yet merged with the backlog) and counts what was read.
    func read(context: inout Context) async -> InputReading {
        var configured = PlanningPipeline(configuration: context.planning)
        let stop = self.stop
        configured.shouldStop = { stop.isRequested }
        let pipeline = configured
        let logger = self.logger
        // Reading blocks its threads (it waits for bytes and for buffers). On a thread of its own it leaves the
        // cooperative pool to the downloads that feed a `cdn:` input: blocking a pool thread here starved them,
        // and on two cores reading CDN logs took twice as long as reading the same files from disk.
        let reading = await withCheckedContinuation { (continuation: CheckedContinuation<InputReading, Never>) in
            Thread { continuation.resume(returning: pipeline.readInputs(logger: logger)) }.start()
        }
        context.summary.sls = context.slsTallies.map(\.current)
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
    /// - Parameter quota: the quota the run plans with (`nil`: it can send nothing; only the entries the inputs
    ///   name are read).
    func gather(
        _ store: StateStore?, reading: inout InputReading, quota: RefreshQuota?, settlement: Settlement,
        expired: [BacklogEntry], context: inout Context
    ) throws(StateError) -> Gathered {
        let inputNames = context.inputNames
        let withheld = settlement.withheld
        let backlogSize = try store?.backlogCount() ?? 0
        var entries: [BacklogEntry] = []
        if let store, backlogSize > 0 {
            entries = try store.backlog(
                .planning(
                    reading, options: configuration.planning.planOptions, quota: quota, store: store,
                    withheld: withheld.count, collapseWindow: configuration.backlogLimits.collapseWindow))
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
            earlierRows: earlierRows,
            expiredRows: RunReport.expired(
                expired, except: Set(candidates.map(\.key)), limits: configuration.backlogLimits, prospective: false),
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

    /// Holds the backlog to `--backlog-max-entries` once this run's deferrals are in it: the lowest-ranked go.
    ///
    /// After the submission a failure does not stop the run (its report is still written): it is said, and the run
    /// ends partial.
    func bound(_ store: StateStore?, context: inout Context) -> BacklogAfterRun {
        guard let store else { return BacklogAfterRun() }
        do {
            let dropped = try store.dropBacklog(keeping: configuration.backlogLimits.maxEntries)
            return BacklogAfterRun(dropped: dropped, size: try store.backlogCount())
        } catch {
            context.notices.append("\(error)")
            context.stateFailures += 1
            return BacklogAfterRun()
        }
    }
}
