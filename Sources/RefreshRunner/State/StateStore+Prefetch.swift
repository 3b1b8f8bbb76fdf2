import Foundation
import GRDB

/// What runs mean to prefetch: recorded with their claims, before anything is sent, so a run killed before its
/// prefetch phase leaves them to the next run. Once a push goes out, the journal answers for it
/// (``recordSending(key:runID:kind:urls:batch:at:)``), as for any other write.
extension StateStore {
    /// Records that `runID` means to prefetch `urls` once their refresh completes.
    package func wantPrefetch(_ urls: [String], runID: String, at date: Date) throws(StateError) {
        guard !urls.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO prefetch (url, status, run_id, updated_at) VALUES (?, 'wanted', ?, ?)
                    ON CONFLICT (url) DO UPDATE SET run_id = excluded.run_id, updated_at = excluded.updated_at
                    """)
            for url in urls { try statement.execute(arguments: [url, runID, date.timeIntervalSince1970]) }
        }
    }

    /// Forgets that `urls` are wanted: they were pushed, or their prefetch was deferred or failed (reported
    /// either way).
    package func forgetWantedPrefetches(_ urls: [String]) throws(StateError) {
        guard !urls.isEmpty else { return }
        try write { db in try Self.forgetWantedPrefetches(db, urls: urls) }
    }

    /// Forgets what `runID` meant to prefetch and did not push (its sample left it out).
    package func dropWantedPrefetches(of runID: String) throws(StateError) {
        try write { db in
            try db.execute(sql: "DELETE FROM prefetch WHERE run_id = ?", arguments: [runID])
        }
    }

    /// What other runs meant to prefetch and whose refresh no longer waits in the backlog (it was accepted).
    ///
    /// URLs still in the backlog stay wanted until their refresh is sent.
    package func prefetchLeftovers(excluding runID: String) throws(StateError) -> [String] {
        try wantedPrefetches(
            where: """
                run_id != ?
                    AND NOT EXISTS (SELECT 1 FROM backlog WHERE backlog.url = prefetch.url AND backlog.type = 'file')
                """, arguments: [runID]
        ).map(\.url)
    }

    /// Every prefetch wanted, oldest first.
    package func wantedPrefetches() throws(StateError) -> [WantedPrefetch] {
        try wantedPrefetches(where: "1", arguments: [])
    }

    static func forgetWantedPrefetches(_ db: Database, urls: [String]) throws {
        let statement = try db.makeStatement(sql: "DELETE FROM prefetch WHERE url = ?")
        for url in urls { try statement.execute(arguments: [url]) }
    }

    private func wantedPrefetches(where condition: String, arguments: StatementArguments) throws(StateError)
        -> [WantedPrefetch]
    {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT url, run_id FROM prefetch WHERE \(condition) ORDER BY updated_at, url",
                arguments: arguments
            ).map { WantedPrefetch(url: $0["url"], runID: $0["run_id"]) }
        }
    }
}
