import AlibabaCDN
import CDNRefresh
import Foundation

/// The report rows of a run.
enum RunReport {
    /// A row for a submitted entry, with every submission column filled.
    static func row(_ entry: SubmittedEntry, inputNames: [String]) -> ReportRow {
        var row = ReportRow(
            candidate: entry.candidate, status: entry.outcome.status.reportStatus, batch: entry.batch,
            inputNames: inputNames)
        let outcome = entry.outcome
        row.attempts = outcome.attempts
        row.httpStatus = outcome.httpStatus
        row.errorCode = outcome.errorCode
        row.errorMessage = outcome.errorMessage
        row.requestID = outcome.requestID
        row.taskID = outcome.taskIDs.joined(separator: ",")
        row.taskStatus = outcome.taskStatus
        return row
    }

    /// A row for an entry an earlier, interrupted run had already had accepted.
    static func earlier(_ candidate: Candidate, acceptance: EarlierAcceptance, inputNames: [String]) -> ReportRow {
        var row = ReportRow(candidate: candidate, status: .submitted, inputNames: inputNames)
        row.requestID = acceptance.requestID
        row.taskID = acceptance.taskIDs.joined(separator: ",")
        row.errorMessage = "already accepted by the interrupted run \(acceptance.runID); not sent again"
        return row
    }
}

extension RunReport {
    /// A row for an entry skipped because a run accepted it after its last sighting in the inputs.
    static func skipped(_ candidate: Candidate, acceptance: EarlierAcceptance, inputNames: [String]) -> ReportRow {
        var row = ReportRow(candidate: candidate, status: .skipped, inputNames: inputNames)
        row.requestID = acceptance.requestID
        row.taskID = acceptance.taskIDs.joined(separator: ",")
        let task = acceptance.taskIDs.isEmpty ? "" : " (task \(acceptance.taskIDs.joined(separator: ",")))"
        let seen = candidate.latestChange.map {
            " (last seen \(APITimestamp.format(Date(timeIntervalSince1970: TimeInterval($0)))))"
        }
        row.errorMessage =
            "refreshed at \(APITimestamp.format(acceptance.acceptedAt))\(task) after this change\(seen ?? ""); "
            + "not paid for again (--refresh-again sends it)"
        return row
    }

    /// A row for an entry that a Directory or IgnoreParams entry accepted by an earlier, interrupted run had
    /// already refreshed.
    static func earlier(
        _ candidate: Candidate, coveredBy covering: String, acceptance: EarlierAcceptance, inputNames: [String]
    ) -> ReportRow {
        var row = ReportRow(candidate: candidate, status: .covered, inputNames: inputNames)
        row.coveredBy = covering
        row.requestID = acceptance.requestID
        row.taskID = acceptance.taskIDs.joined(separator: ",")
        row.errorMessage = "refreshed by \(covering), accepted by the interrupted run \(acceptance.runID); not sent"
        return row
    }

    /// Rows for the entries a plan's Directory or IgnoreParams entries cover, with what happened to the covering
    /// entry.
    ///
    /// A covered entry is `covered` when its covering entry was accepted (with that entry's batch, request and
    /// task); otherwise it is `deferred`: it was not refreshed, and it waits in the backlog.
    static func covered(_ covered: [Candidate], by entries: [SubmittedEntry], inputNames: [String]) -> [ReportRow] {
        var covering: [String: SubmittedEntry] = [:]
        for entry in entries where entry.candidate.type != .file {
            covering[entry.candidate.url] = entry
        }
        return covered.map { candidate in
            guard let url = candidate.coveredBy, let entry = covering[url] else {
                // Its covering entry was never sent: nothing refreshed it.
                var row = ReportRow(candidate: candidate, status: .deferred, inputNames: inputNames)
                row.errorMessage = "not refreshed: \(candidate.coveredBy ?? "its covering entry") was not sent"
                return row
            }
            let outcome = entry.outcome
            guard !outcome.taskIDs.isEmpty else {
                var row = ReportRow(candidate: candidate, status: .deferred, inputNames: inputNames)
                row.errorCode = outcome.errorCode
                row.errorMessage = "not refreshed: \(url) (\(entry.candidate.type.rawValue)) was not accepted"
                return row
            }
            var row = ReportRow(candidate: candidate, status: .covered, batch: entry.batch, inputNames: inputNames)
            row.requestID = outcome.requestID
            row.taskID = outcome.taskIDs.joined(separator: ",")
            row.taskStatus = outcome.taskStatus
            return row
        }
    }

    /// Reports backlog entries that an accepted Directory or IgnoreParams entry refreshed unplanned.
    ///
    /// Each is `covered`, with the request and task of the entry that covers it. A `deferred` row for the same
    /// entry (kept for a later run, then refreshed after all) becomes that row.
    ///
    /// - Returns: how many of them had no row (entries carried over untouched, or never read from the backlog).
    static func addSwept(_ swept: [SweptEntry], to rows: inout [ReportRow], by entries: [SubmittedEntry]) -> Int {
        guard !swept.isEmpty else { return 0 }
        var positions: [CandidateKey: Int] = [:]
        for (position, row) in rows.enumerated() {
            if let type = row.type { positions[CandidateKey(url: row.url, type: type)] = position }
        }
        let candidates = swept.map { entry in
            var candidate = entry.entry.candidate(ordinal: 0)
            candidate.coveredBy = entry.coveredBy
            return candidate
        }
        var added = 0
        for (candidate, row) in zip(candidates, covered(candidates, by: entries, inputNames: [])) {
            if let position = positions[candidate.key] {
                if rows[position].status == .deferred { rows[position] = row }
            } else {
                positions[candidate.key] = rows.count
                rows.append(row)
                added += 1
            }
        }
        return added
    }

    /// Reports entries that left the backlog for its bound: a row this run already has (deferred today) becomes
    /// `dropped`; an entry without one (carried over untouched) gets its own row.
    ///
    /// - Returns: how many of them were carried over untouched (they are no longer waiting in the backlog).
    static func markDropped(_ dropped: [BacklogEntry], in rows: inout [ReportRow], maxEntries: Int) -> Int {
        guard !dropped.isEmpty else { return 0 }
        let message = "left the backlog unrefreshed: it held more than --backlog-max-entries \(maxEntries)"
        var positions: [CandidateKey: Int] = [:]
        for (position, row) in rows.enumerated() where row.status == .deferred {
            if let type = row.type { positions[CandidateKey(url: row.url, type: type)] = position }
        }
        var untouched = 0
        for entry in dropped {
            if let position = positions[CandidateKey(url: entry.url, type: entry.type)] {
                rows[position].status = .dropped
                rows[position].errorMessage = message
            } else {
                var row = ReportRow(candidate: entry.candidate(ordinal: 0), status: .dropped, inputNames: [])
                row.errorMessage = message
                rows.append(row)
                untouched += 1
            }
        }
        return untouched
    }

    /// One `expired` row per entry that leaves the backlog for age, unless `current` (what the inputs name) holds
    /// it: then it is a new change, planned afresh, and its own row says what happened to it.
    ///
    /// - Parameter prospective: `plan`'s wording (the next run lets it go) rather than `run`'s (it left).
    static func expired(
        _ entries: [BacklogEntry], except current: Set<CandidateKey>, limits: BacklogLimits, prospective: Bool
    ) -> [ReportRow] {
        guard !entries.isEmpty else { return [] }
        let dates = ISO8601DateFormatter()
        let what = prospective ? "the next run lets it go unrefreshed" : "left the backlog unrefreshed"
        return entries.filter { !current.contains(CandidateKey(url: $0.url, type: $0.type)) }.map { entry in
            var row = ReportRow(candidate: entry.candidate(ordinal: 0), status: .expired, inputNames: [])
            row.errorMessage =
                "\(what): waiting since \(dates.string(from: entry.firstSeen)), "
                + "longer than --backlog-max-age \(limits.ageText)"
            return row
        }
    }
}
