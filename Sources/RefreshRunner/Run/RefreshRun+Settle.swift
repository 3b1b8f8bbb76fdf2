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

    /// Takes the state directory's lock and starts the run's record; `nil` with `--no-state`.
    func openState() throws(StateError) -> StateStore? {
        guard let directory = configuration.stateDirectory else { return nil }
        let store = try StateStore(directory: directory, exclusive: true)
        try store.beginRun(id: configuration.runID, at: clock.wallNow)
        return store
    }

    /// Settles what a killed run left unanswered: look-ups decide which of its URLs the API accepted, refreshes
    /// and prefetches alike.
    ///
    /// A refresh found accepted leaves the backlog (with what it covers); a prefetch not found is wanted again, for
    /// the next prefetch phase to push.
    func settle(_ store: StateStore?, context: inout Context) async throws(StateError) -> Settlement {
        var settlement = Settlement()
        guard let store else { return settlement }
        let pending = try store.pendingRequests()
        guard !pending.isEmpty else { return settlement }
        // Only the entries of the unanswered refreshes matter here; the rest of the backlog is not read for them.
        let unanswered = Set(
            pending.flatMap { request in
                request.kind.refreshType.map { type in request.urls.map { CandidateKey(url: $0, type: type) } } ?? []
            })
        settlement.backlogBefore = try store.backlog(BacklogQuery(named: Array(unanswered)))
        let recovery = Recovery(api: api, caller: caller(context))
        for request in pending {
            // Told to stop: what is not settled yet stays `sending` for the next run to settle.
            if stop.isRequested { break }
            let found: [String: String]
            do {
                found = try await recovery.lookUp(request)
            } catch {
                if error.classification == .authentication {
                    settlement.refusal = error  // read the inputs anyway: their entries wait in the backlog
                    break
                }
                withhold(request, because: error, settlement: &settlement, context: &context)
                continue
            }
            let swept = try store.recordReconciled(
                key: request.key, kind: request.kind, found: found, at: clock.wallNow)
            logger.info(
                "Settled a request left unanswered by an interrupted run",
                metadata: [
                    "request.key": "\(request.key)", "request.urls": "\(request.urls.count)",
                    "request.found": "\(found.count)",
                ])
            guard let type = request.kind.refreshType else {
                try store.wantPrefetch(
                    request.urls.filter { found[$0] == nil }, runID: request.runID, at: clock.wallNow)
                continue
            }
            settlement.sweptRows += swept.map { swept in
                var row = ReportRow(
                    candidate: swept.entry.candidate(ordinal: 0), status: .covered, inputNames: context.inputNames)
                row.coveredBy = swept.coveredBy
                row.taskID = found[swept.coveredBy] ?? ""
                row.errorMessage = "refreshed by an interrupted run's accepted \(type.rawValue) entry"
                return row
            }
            for url in found.keys { settlement.recovered.insert(CandidateKey(url: url, type: type)) }
        }
        return settlement
    }

    /// Holds back what an unanswered request carried when no look-up can tell whether the API accepted it: sending
    /// it now could pay for it twice.
    private func withhold(
        _ request: PendingRequest, because error: APICallError, settlement: inout Settlement, context: inout Context
    ) {
        guard let type = request.kind.refreshType else {
            context.notices.append(
                "could not confirm whether \(request.urls.count) prefetches of an interrupted run were accepted "
                    + "(\(error.code)); they are not pushed again until a later run can tell")
            return
        }
        for url in request.urls { settlement.withheld.insert(CandidateKey(url: url, type: type)) }
        context.notices.append(
            "could not confirm whether \(request.urls.count) URLs of an interrupted request were accepted "
                + "(\(error.code)); they stay in the backlog for the next run")
    }
}
