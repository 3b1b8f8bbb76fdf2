import CDNRefresh
import Foundation
import GRDB

/// The journal: every write request is recorded `sending` before it goes out and `accepted`, `rejected` or
/// `reconciled` after, so that the next run knows what a killed one spent.
extension StateStore {
    /// Records a request as `sending`, before it goes out.
    ///
    /// A prefetch's URLs stop being merely wanted (``wantPrefetch(_:runID:at:)``): from here the journal answers for
    /// them, and the next run looks them up if this one dies before the answer.
    package func recordSending(key: String, runID: String, kind: WriteKind, urls: [String], batch: Int, at date: Date)
        throws(StateError)
    {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO request (key, run_id, object_type, object_path, url_count, batch, status, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'sending', ?)
                    """,
                arguments: [
                    key, runID, kind.journalName, urls.joined(separator: "\n"), urls.count, batch,
                    date.timeIntervalSince1970,
                ])
            if kind == .prefetch { try Self.forgetWantedPrefetches(db, urls: urls) }
        }
    }

    /// Records an accepted request and, for a refresh, takes its URLs out of the backlog, in one transaction.
    ///
    /// An accepted directory also takes out every entry beneath it, and an accepted IgnoreParams entry every query
    /// variant of its URL: they refresh them. Returns those entries.
    @discardableResult
    package func recordAccepted(
        key: String, urls: [String], kind: WriteKind, requestID: String, taskIDs: [String], at date: Date
    )
        throws(StateError) -> [SweptEntry]
    {
        try write { db in
            try db.execute(
                sql:
                    "UPDATE request SET status = 'accepted', finished_at = ?, request_id = ?, task_ids = ? WHERE key = ?",
                arguments: [date.timeIntervalSince1970, requestID, taskIDs.joined(separator: ","), key])
            guard let type = kind.refreshType else { return [] }
            try Self.deleteBacklog(db, urls: urls, type: type)
            return try Self.deleteCovered(db, by: urls, type: type)
        }
    }

    /// Records that a request was refused (nothing of it was accepted).
    package func recordRejected(key: String, code: String, at date: Date) throws(StateError) {
        try write { db in
            try db.execute(
                sql: "UPDATE request SET status = 'rejected', finished_at = ?, error_code = ? WHERE key = ?",
                arguments: [date.timeIntervalSince1970, code, key])
        }
    }

    /// Records the outcome of a look-up after a lost answer: `found` URLs (with task IDs) of a refresh leave the
    /// backlog, and so does what they cover (returned).
    @discardableResult
    package func recordReconciled(key: String, kind: WriteKind, found: [String: String], at date: Date)
        throws(StateError) -> [SweptEntry]
    {
        try write { db in
            let foundText = found.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
            try db.execute(
                sql: "UPDATE request SET status = 'reconciled', finished_at = ?, found = ? WHERE key = ?",
                arguments: [date.timeIntervalSince1970, foundText, key])
            guard let type = kind.refreshType else { return [] }
            try Self.deleteBacklog(db, urls: Array(found.keys), type: type)
            return try Self.deleteCovered(db, by: Array(found.keys), type: type)
        }
    }

    /// Requests whose answer never arrived, oldest first.
    package func pendingRequests() throws(StateError) -> [PendingRequest] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE status = 'sending' ORDER BY sent_at, key").compactMap
            {
                row in
                guard let kind = WriteKind(journalName: row["object_type"]) else { return nil }
                let path: String = row["object_path"]
                return PendingRequest(
                    key: row["key"], runID: row["run_id"], kind: kind,
                    urls: path.split(separator: "\n").map(String.init),
                    sentAt: Date(timeIntervalSince1970: row["sent_at"]))
            }
        }
    }

    /// URLs whose refresh runs that were interrupted had accepted, not yet taken over by a finished run.
    package func acceptancesOfInterruptedRuns() throws(StateError) -> [EarlierAcceptance] {
        try acceptances(since: .distantPast).filter(\.interrupted)
    }

    /// URLs whose refresh any run accepted since `date` (the API remembers tasks for 3 days), in the order they were
    /// sent; those of interrupted runs not yet taken over say so.
    package func acceptances(since date: Date) throws(StateError) -> [EarlierAcceptance] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT request.*, run.status AS run_status FROM request JOIN run ON run.id = request.run_id
                    WHERE request.status IN ('accepted', 'reconciled')
                        AND (request.sent_at >= ? OR run.status = 'interrupted')
                    ORDER BY request.sent_at
                    """, arguments: [date.timeIntervalSince1970])
            var result: [EarlierAcceptance] = []
            for row in rows {
                guard let type = WriteKind(journalName: row["object_type"])?.refreshType else { continue }
                let at = Date(timeIntervalSince1970: row["sent_at"])
                let runID: String = row["run_id"]
                let interrupted = (row["run_status"] as String?) == "interrupted"
                let status: String = row["status"]
                if status == "accepted" {
                    let path: String = row["object_path"]
                    let urls = path.split(separator: "\n").map(String.init)
                    let tasks = Self.tasksByURL(urls, taskIDs: (row["task_ids"] as String?) ?? "")
                    for (url, taskIDs) in zip(urls, tasks) {
                        result.append(
                            EarlierAcceptance(
                                url: url, type: type, acceptedAt: at, requestID: row["request_id"] ?? "",
                                taskIDs: taskIDs, runID: runID, interrupted: interrupted))
                    }
                } else {
                    let found: String = row["found"] ?? ""
                    for line in found.split(separator: "\n") {
                        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                        result.append(
                            EarlierAcceptance(
                                url: parts[0], type: type, acceptedAt: at, requestID: "",
                                taskIDs: parts.count > 1 ? [parts[1]] : [], runID: runID, interrupted: interrupted))
                    }
                }
            }
            return result
        }
    }

    /// Each URL's task: the API answers one task ID per domain, in the order the domains first appear; otherwise
    /// every ID applies to every URL.
    static func tasksByURL(_ urls: [String], taskIDs: String) -> [[String]] {
        let ids = taskIDs.split(separator: ",").map(String.init)
        var domains: [String] = []
        for url in urls where !domains.contains(Candidate.domain(of: url)) { domains.append(Candidate.domain(of: url)) }
        guard ids.count == domains.count, ids.count > 1 else { return urls.map { _ in ids } }
        let byDomain = Dictionary(uniqueKeysWithValues: zip(domains, ids))
        return urls.map { byDomain[Candidate.domain(of: $0)].map { [$0] } ?? ids }
    }
}
