import CDNRefresh
import Foundation
import Logging
import Synchronization

/// Writes a submission's events to the state store as they happen: the refreshes of the plan, the resubmission of
/// stale URLs and the prefetches alike.
///
/// A failed write is logged and counted, and says so to the submission, which then stops sending: a request the
/// journal does not know of could be paid for twice. The run ends partial.
final class JournalRecorder: Sendable {
    private let store: StateStore
    private let runID: String
    private let candidates: [CandidateKey: Candidate]
    private let inputNames: [String]
    private let clock: any RunnerClock
    private let logger: Logger
    private let failures = Mutex(0)
    private let sweeps = Mutex<[SweptEntry]>([])

    init(
        store: StateStore, runID: String, candidates: [Candidate], inputNames: [String], clock: any RunnerClock,
        logger: Logger
    ) {
        self.store = store
        self.runID = runID
        self.candidates = Dictionary(candidates.map { ($0.key, $0) }) { first, _ in first }
        self.inputNames = inputNames
        self.clock = clock
        self.logger = logger
    }

    /// How many journal writes failed.
    var failureCount: Int { failures.withLock { $0 } }

    /// Backlog entries this run had not planned that left the backlog because an entry it sent refreshes them
    /// (files beneath an accepted directory that were never read from the backlog).
    var swept: [SweptEntry] { sweeps.withLock { $0 } }

    private func keep(_ swept: [SweptEntry]) {
        let unplanned = swept.filter { $0.claimedBy != runID }
        guard !unplanned.isEmpty else { return }
        sweeps.withLock { $0 += unplanned }
    }

    /// Records `event`; whether it is durable.
    func record(_ event: SubmissionEvent) -> Bool {
        let now = clock.wallNow
        do {
            switch event {
            case .sending(let key, let kind, let urls, let batch, let at):
                try store.recordSending(key: key, runID: runID, kind: kind, urls: urls, batch: batch, at: at)
            case .accepted(let key, let kind, let urls, let requestID, let taskIDs):
                keep(
                    try store.recordAccepted(
                        key: key, urls: urls, kind: kind, requestID: requestID, taskIDs: taskIDs, at: now))
            case .rejected(let key, let code):
                try store.recordRejected(key: key, code: code, at: now)
            case .unknown:
                break  // the request stays `sending` until a look-up settles it
            case .reconciled(let key, let kind, let found):
                keep(try store.recordReconciled(key: key, kind: kind, found: found, at: now))
            case .carriedOver(let urls, .refresh(let type)):
                let entries = urls.compactMap { candidates[CandidateKey(url: $0, type: type)] }.map {
                    BacklogEntry(candidate: $0, inputNames: inputNames, seenAt: now)
                }
                try store.upsertBacklog(entries, claimedBy: nil, at: now)
            case .abandoned(let urls, .refresh(let type)):
                try store.removeFromBacklog(urls: urls, type: type)
            case .carriedOver(_, .prefetch), .abandoned(_, .prefetch):
                break  // a prefetch not made is reported, not kept: the next night's refresh asks for it again
            }
        } catch {
            failures.withLock { $0 += 1 }
            logger.error("Cannot write the journal", metadata: ["state.error": "\(error)"])
            return false
        }
        return true
    }
}
