import Foundation
import GRDB

/// A prefetch a run meant to make, or sent without recording the answer.
package struct PrefetchLeftover: Sendable, Equatable {
    package enum Status: String, Sendable {
        /// Meant, once the URL's refresh completes.
        case wanted
        /// `PushObjectCache` went out; whether it was accepted is not known.
        case sending
    }

    package var url: String
    package var status: Status
    package var runID: String
    package var sentAt: Date?
}

/// The prefetch journal: what a killed run meant to push, and what it pushed without recording the answer, so
/// the next run neither loses nor repeats a prefetch.
extension StateStore {
    /// Records that `runID` means to prefetch `urls` once their refresh completes (a URL already `sending` stays so).
    package func wantPrefetch(_ urls: [String], runID: String, at date: Date) throws(StateError) {
        guard !urls.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO prefetch (url, status, run_id, updated_at) VALUES (?, 'wanted', ?, ?)
                    ON CONFLICT (url) DO UPDATE SET run_id = excluded.run_id, updated_at = excluded.updated_at
                        WHERE prefetch.status = 'wanted'
                    """)
            for url in urls { try statement.execute(arguments: [url, runID, date.timeIntervalSince1970]) }
        }
    }

    /// Records that a `PushObjectCache` request with `urls` is about to go out.
    package func recordPrefetchSending(_ urls: [String], runID: String, at date: Date) throws(StateError) {
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO prefetch (url, status, run_id, sent_at, updated_at) VALUES (?, 'sending', ?, ?, ?)
                    ON CONFLICT (url) DO UPDATE SET status = 'sending', run_id = excluded.run_id,
                        sent_at = excluded.sent_at, updated_at = excluded.updated_at
                    """)
            for url in urls {
                try statement.execute(arguments: [url, runID, date.timeIntervalSince1970, date.timeIntervalSince1970])
            }
        }
    }

    /// Forgets `urls`: their prefetch was accepted, failed for good, or deferred for quota (reported either way).
    package func finishPrefetch(_ urls: [String]) throws(StateError) {
        guard !urls.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(sql: "DELETE FROM prefetch WHERE url = ?")
            for url in urls { try statement.execute(arguments: [url]) }
        }
    }

    /// Forgets what `runID` meant to prefetch and did not push (its sample left it out).
    package func dropWantedPrefetches(of runID: String) throws(StateError) {
        try write { db in
            try db.execute(sql: "DELETE FROM prefetch WHERE run_id = ? AND status = 'wanted'", arguments: [runID])
        }
    }

    /// What other runs left to prefetch.
    ///
    /// Wanted prefetches whose URL no longer waits in the backlog (their refresh was accepted), and requests sent
    /// without a recorded answer. Wanted URLs still in the backlog stay for later.
    package func prefetchLeftovers(excluding runID: String) throws(StateError) -> [PrefetchLeftover] {
        try prefetches(
            where: """
                run_id != ? AND (status = 'sending'
                    OR NOT EXISTS (SELECT 1 FROM backlog WHERE backlog.url = prefetch.url AND backlog.type = 'file'))
                """, arguments: [runID])
    }

    /// Every prefetch the journal holds (wanted or sending), oldest first.
    package func pendingPrefetches() throws(StateError) -> [PrefetchLeftover] {
        try prefetches(where: "1", arguments: [])
    }

    private func prefetches(where condition: String, arguments: StatementArguments) throws(StateError)
        -> [PrefetchLeftover]
    {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM prefetch WHERE \(condition) ORDER BY updated_at, url", arguments: arguments
            )
            .compactMap { row in
                guard let status = PrefetchLeftover.Status(rawValue: row["status"]) else { return nil }
                let sent: Double? = row["sent_at"]
                return PrefetchLeftover(
                    url: row["url"], status: status, runID: row["run_id"],
                    sentAt: sent.map { Date(timeIntervalSince1970: $0) })
            }
        }
    }
}
