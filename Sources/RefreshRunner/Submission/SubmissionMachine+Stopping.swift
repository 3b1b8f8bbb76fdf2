import AlibabaCDN
import CDNRefresh
import Foundation

/// Settling entries, and stopping: a refusal of the credentials, a spent quota, a journal that cannot be written, a
/// stop signal.
extension SubmissionMachine {
    /// Writes `error` into the outcomes of the entries at `indices`.
    mutating func record(_ error: APICallError, on indices: [Int]) {
        for index in indices {
            entries[index].outcome.httpStatus = error.httpStatus
            entries[index].outcome.errorCode = error.code
            entries[index].outcome.errorMessage = error.message
        }
    }

    /// Gives the entries at `indices` their final status, and tells the journal whether they stay for a later run.
    mutating func settle(_ indices: [Int], as status: EntryOutcome.Status, carryOver: Bool) {
        guard !indices.isEmpty else { return }
        for index in indices {
            entries[index].outcome.status = status
            entries[index].outcome.carriesOver = carryOver
        }
        let byKind = Dictionary(grouping: indices) { entries[$0].kind }
        for (kind, group) in byKind.sorted(by: { $0.key < $1.key }) {
            let urls = group.map { entries[$0].url }
            events.append(carryOver ? .carriedOver(urls: urls, kind: kind) : .abandoned(urls: urls, kind: kind))
        }
    }

    /// Stops every further call after a refusal of the credentials, signature or clock.
    mutating func stop(_ error: APICallError) {
        guard stopError == nil else { return }
        stopError = error
        sweepStopped()
    }

    /// Stops sending although the API refused nothing.
    ///
    /// The journal could not be written (nothing may leave unrecorded), or a signal asked the run to stop. Calls in
    /// flight are settled; what was not sent is deferred.
    ///
    /// - Parameters:
    ///   - reason: why, for the summary and each unsent entry's message.
    ///   - code: the report's `error_code` for what is left unsent (`JournalUnwritable`, `Stopped`).
    ///   - id: a write just started whose `sending` record may not be durable: it is not sent after all.
    ///   - abandoningWait: stop waiting for tasks too (polls in flight are settled, no more start).
    mutating func halt(_ reason: String, code: String, unsending id: Int? = nil, abandoningWait: Bool = false) {
        guard haltReason == nil else { return }
        haltReason = reason
        haltCode = code
        abandonsWait = abandoningWait
        if let id, var item = inFlight.removeValue(forKey: id) {
            if case .write(var work) = item.kind {
                if work.attempts == 1 { sentRequests -= 1 }
                work.attempts -= 1
                writeAttempts -= 1
                for index in work.entries { entries[index].outcome.attempts -= 1 }
                item.kind = .write(work)
            }
            ready.append(item)
        }
        sweepStopped()
    }

    /// Defers queued requests of stopped kinds (or of every kind after a stop) and drops queued look-ups and
    /// polls after a stop.
    mutating func sweepStopped() {
        var kept: [WorkItem] = []
        for item in ready {
            switch item.kind {
            case .write(let work) where haltReason != nil && stopError == nil:
                for index in work.entries {
                    entries[index].outcome.httpStatus = nil
                    entries[index].outcome.errorCode = haltCode
                    entries[index].outcome.errorMessage = "not sent: " + (haltReason ?? "")
                }
                settle(work.entries, as: .deferred, carryOver: true)
                finishedRequests += 1
            case .write(let work) where stopError != nil || stoppedKinds[work.kind] != nil:
                let error = stopError ?? Self.quotaSpent(work.kind, refusal: stoppedKinds[work.kind])
                record(error, on: work.entries)
                if stopError != nil {
                    for index in work.entries {
                        entries[index].outcome.errorMessage = "not sent: the run stopped after \(error.code)"
                    }
                }
                settle(work.entries, as: .deferred, carryOver: true)
                finishedRequests += 1
            case .lookup(let lookup) where stopError != nil:
                if let reconciliation = reconciliations.removeValue(forKey: lookup.reconciliation) {
                    settle(reconciliation.work.entries, as: .deferred, carryOver: true)
                    finishedRequests += 1
                }
            case .poll where stopError != nil || abandonsWait:
                continue
            default:
                kept.append(item)
            }
        }
        ready = kept
    }

    /// What a request not sent because its kind's daily quota ran out records: the refusal's code, and why.
    static func quotaSpent(_ kind: WriteKind, refusal: APICallError?) -> APICallError {
        let name =
            switch kind {
            case .refresh(let type): type.rawValue
            case .prefetch: "prefetch"
            }
        return .api(
            APIFailure(
                httpStatus: refusal?.httpStatus ?? 400,
                body: APIErrorBody(
                    code: refusal?.code ?? "QuotaExceeded.Refresh",
                    message: "not sent: the daily \(name) quota ran out during this run")))
    }
}
