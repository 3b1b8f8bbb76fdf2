import CDNRefresh
import Foundation
import GRDB

/// The backlog: entries kept for a later run, their expiry and bound.
extension StateStore {
    /// Every backlog entry, oldest first; entries first seen together in the order they were first written
    /// (their rank in that run), so ties of rank keep their first appearance.
    public func backlog() throws(StateError) -> [BacklogEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM backlog ORDER BY first_seen, rowid").compactMap(Self.entry)
        }
    }

    /// Calls `body` with backlog entries best-ranked first, at most `limit` of them, reading them one at a time.
    ///
    /// The rank is the planner's without `--priority-rule` weights, which the state does not keep: explicit
    /// priority, then hits, then the latest change, then first appearance.
    public func forEachBacklogEntry(limit: Int? = nil, _ body: (BacklogEntry) throws -> Void) throws(StateError) {
        try read { db in
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT * FROM backlog ORDER BY \(Self.rankOrder) LIMIT ?", arguments: [limit ?? -1])
            while let row = try cursor.next() {
                if let entry = Self.entry(row) { try body(entry) }
            }
        }
    }

    /// The backlog entries of the given types and those with the given keys, in the order of ``backlog()``: what
    /// a run can send today, and what the inputs name (to merge with it), when the rest is not needed.
    public func backlog(types: Set<EntryType>, matching keys: [CandidateKey]) throws(StateError) -> [BacklogEntry] {
        if types.count == EntryType.allCases.count { return try backlog() }
        let typeList = types.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        return try write { db in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS wanted (url TEXT NOT NULL, type TEXT NOT NULL)")
            try db.execute(sql: "DELETE FROM wanted")
            let insert = try db.makeStatement(sql: "INSERT INTO wanted (url, type) VALUES (?, ?)")
            for key in keys { try insert.execute(arguments: [key.url, key.type.rawValue]) }
            defer { try? db.execute(sql: "DELETE FROM wanted") }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT backlog.rowid AS seq, backlog.* FROM wanted
                        JOIN backlog ON backlog.url = wanted.url AND backlog.type = wanted.type
                    \(types.isEmpty ? "" : "UNION SELECT rowid AS seq, * FROM backlog WHERE type IN (\(typeList))")
                    ORDER BY first_seen, seq
                    """
            )
            .compactMap(Self.entry)
        }
    }

    /// Whether the backlog holds an entry of `type`.
    public func backlogHolds(_ type: EntryType) throws(StateError) -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM backlog WHERE type = ?)", arguments: [type.rawValue]) ?? false
        }
    }

    /// The number of backlog entries.
    public func backlogCount() throws(StateError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM backlog") ?? 0 }
    }

    /// Removes the entries first seen before `date` and returns them (`--backlog-max-age`).
    public func expireBacklog(firstSeenBefore date: Date) throws(StateError) -> [BacklogEntry] {
        try write { db in
            try Row.fetchAll(
                db, sql: "DELETE FROM backlog WHERE first_seen < ? RETURNING *",
                arguments: [date.timeIntervalSince1970]
            )
            .compactMap(Self.entry)
        }
    }

    /// Removes the lowest-ranked entries beyond the first `maxEntries` and returns them (`--backlog-max-entries`).
    public func dropBacklog(keeping maxEntries: Int) throws(StateError) -> [BacklogEntry] {
        try write { db in
            // Counting is cheap; ranking a large backlog is not, so it is done only when something must go.
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM backlog") ?? 0 > maxEntries else { return [] }
            return try Row.fetchAll(
                db,
                sql: """
                    DELETE FROM backlog WHERE rowid IN
                        (SELECT rowid FROM backlog ORDER BY \(Self.rankOrder) LIMIT -1 OFFSET ?)
                    RETURNING *
                    """, arguments: [max(0, maxEntries)]
            )
            .compactMap(Self.entry)
        }
    }

    /// The backlog's rank order in SQL (see ``forEachBacklogEntry(limit:_:)``).
    static let rankOrder = """
        coalesce(priority, 0) DESC, hits DESC, coalesce(latest_change, -9223372036854775808) DESC, first_seen, rowid
        """

    /// Adds entries or refreshes them (an existing entry keeps its first-seen time and source), optionally
    /// claimed by a run that is about to submit them.
    public func upsertBacklog(_ entries: [BacklogEntry], claimedBy runID: String?, at date: Date) throws(StateError) {
        guard !entries.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO backlog (url, type, priority, hits, latest_change, first_seen, source, claimed_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (url, type) DO UPDATE SET
                        priority = excluded.priority, hits = excluded.hits, latest_change = excluded.latest_change,
                        claimed_by = excluded.claimed_by, updated_at = excluded.updated_at
                    """)
            for entry in entries {
                try statement.execute(arguments: [
                    entry.url, entry.type.rawValue, entry.priority, entry.hits, entry.latestChange,
                    entry.firstSeen.timeIntervalSince1970, entry.source, runID, date.timeIntervalSince1970,
                ])
            }
        }
    }

    /// Removes entries from the backlog (accepted, or given up for good).
    public func removeFromBacklog(urls: [String], type: EntryType) throws(StateError) {
        try write { db in try Self.deleteBacklog(db, urls: urls, type: type) }
    }

    /// Empties the backlog and returns how many entries it held.
    @discardableResult
    public func clearBacklog() throws(StateError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM backlog")
            return db.changesCount
        }
    }

    static func deleteBacklog(_ db: Database, urls: [String], type: EntryType) throws {
        let statement = try db.makeStatement(sql: "DELETE FROM backlog WHERE url = ? AND type = ?")
        for url in urls { try statement.execute(arguments: [url, type.rawValue]) }
    }

    /// Deletes what accepted Directory or IgnoreParams entries refresh besides themselves.
    static func deleteCovered(_ db: Database, by urls: [String], type: EntryType) throws {
        switch type {
        case .directory: try deleteBacklog(db, beneath: urls)
        case .ignoreparams: try deleteBacklog(db, queryVariantsOf: urls)
        case .file, .regex: break
        }
    }

    /// Deletes every file entry that is `url?query` for one of `urls`.
    static func deleteBacklog(_ db: Database, queryVariantsOf urls: [String]) throws {
        let statement = try db.makeStatement(
            sql: "DELETE FROM backlog WHERE type = 'file' AND substr(url, 1, length(?1) + 1) = ?1 || '?'")
        for url in urls { try statement.execute(arguments: [url]) }
    }

    /// Deletes every entry whose URL lies beneath one of `directories` (which end with `/`).
    static func deleteBacklog(_ db: Database, beneath directories: [String]) throws {
        let statement = try db.makeStatement(
            sql: "DELETE FROM backlog WHERE length(url) > length(?1) AND substr(url, 1, length(?1)) = ?1")
        for directory in directories { try statement.execute(arguments: [directory]) }
    }

    static func entry(_ row: Row) -> BacklogEntry? {
        guard let type = EntryType(rawValue: row["type"]) else { return nil }
        return BacklogEntry(
            url: row["url"], type: type, priority: row["priority"], hits: row["hits"],
            latestChange: row["latest_change"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
            source: row["source"])
    }
}
