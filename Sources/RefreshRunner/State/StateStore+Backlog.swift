import CDNRefresh
import Foundation
import GRDB

/// The backlog: entries kept for a later run, their expiry and bound.
extension StateStore {
    /// Every backlog entry, oldest first; entries first seen together in the order they were first written
    /// (their rank in that run), so ties of rank keep their first appearance.
    package func backlog() throws(StateError) -> [BacklogEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM backlog ORDER BY first_seen, rowid").compactMap(Self.entry)
        }
    }

    /// Calls `body` with backlog entries best-ranked first (``BacklogRank``), at most `limit` of them, reading them
    /// one at a time.
    package func forEachBacklogEntry(limit: Int? = nil, _ body: (BacklogEntry) throws -> Void) throws(StateError) {
        try read { db in
            var remaining = limit ?? .max
            guard remaining > 0 else { return }
            try BacklogRank.forEach(db, reverse: false) { ranked in
                try body(ranked.entry)
                remaining -= 1
                return remaining > 0
            }
        }
    }

    /// What `query` asks for, in the order of ``backlog()`` (first seen, then first written): each type's window
    /// of best-ranked entries and the named entries, once each.
    package func backlog(_ query: BacklogQuery) throws(StateError) -> [BacklogEntry] {
        try write { db in
            var found: [Int64: BacklogEntry] = [:]
            let since = query.firstSeenSince?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
            func collect(_ rows: RowCursor) throws {
                while let row = try rows.next() {
                    if let entry = Self.entry(row) { found[row["seq"]] = entry }
                }
            }
            if !query.named.isEmpty {
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS wanted (url TEXT NOT NULL, type TEXT NOT NULL)")
                try db.execute(sql: "DELETE FROM wanted")
                defer { try? db.execute(sql: "DELETE FROM wanted") }
                let insert = try db.makeStatement(sql: "INSERT INTO wanted (url, type) VALUES (?, ?)")
                for key in query.named { try insert.execute(arguments: [key.url, key.type.rawValue]) }
                try collect(
                    Row.fetchCursor(
                        db,
                        sql: """
                            SELECT backlog.rowid AS seq, backlog.* FROM wanted
                                JOIN backlog ON backlog.url = wanted.url AND backlog.type = wanted.type
                                WHERE backlog.first_seen >= ?
                            """, arguments: [since]))
            }
            let functions = Self.rankingFunctions(for: query)
            for function in functions { db.add(function: function) }
            defer { for function in functions { db.remove(function: function) } }
            for (type, window) in query.windows.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where window > 0 {
                try collect(
                    Row.fetchCursor(
                        db,
                        sql: """
                            SELECT rowid AS seq, * FROM backlog WHERE type = ? AND first_seen >= ?
                                ORDER BY \(query.order) LIMIT ?
                            """, arguments: [type.rawValue, since, window == .max ? -1 : window]))
            }
            return found.sorted { a, b in
                a.value.firstSeen != b.value.firstSeen ? a.value.firstSeen < b.value.firstSeen : a.key < b.key
            }
            .map(\.value)
        }
    }

    /// The SQL functions `query`'s order calls.
    private static func rankingFunctions(for query: BacklogQuery) -> [DatabaseFunction] {
        var functions: [DatabaseFunction] = []
        if let weight = query.ruleWeight {
            functions.append(
                DatabaseFunction(BacklogQuery.ruleWeightFunction, argumentCount: 1, pure: true) { values in
                    String.fromDatabaseValue(values[0]).map(weight) ?? 0
                })
        }
        if let hits = query.todayHits {
            functions.append(
                DatabaseFunction(BacklogQuery.todayHitsFunction, argumentCount: 2, pure: true) { values in
                    guard let url = String.fromDatabaseValue(values[0]),
                        let type = String.fromDatabaseValue(values[1]).flatMap(EntryType.init(rawValue:))
                    else { return 0 }
                    return hits(url, type)
                })
        }
        return functions
    }

    /// How many backlog entries lie beneath the Directory entries, or are query variants of the IgnoreParams
    /// entries, among `covering` and the backlog's own: at most this many files a run could find covered.
    package func backlogEntriesCovered(byEntriesAnd covering: [CandidateKey]) throws(StateError) -> Int {
        try read { db in
            var keys = Set(covering.filter { $0.type == .directory || $0.type == .ignoreparams })
            let own = try Row.fetchCursor(
                db, sql: "SELECT url, type FROM backlog WHERE type IN ('directory', 'ignoreparams')")
            while let row = try own.next() {
                if let type = EntryType(rawValue: row["type"]) {
                    keys.insert(CandidateKey(url: row["url"], type: type))
                }
            }
            let beneath = try db.makeStatement(sql: "SELECT count(*) FROM backlog WHERE url >= ? AND url < ?")
            var total = 0
            for key in keys {
                let range = Self.coveredRange(of: key.url, type: key.type)
                total += try Int.fetchOne(beneath, arguments: [range.lower, range.upper]) ?? 0
            }
            return total
        }
    }

    /// The entries first seen before `date`, oldest first: what the next run lets go (`plan` previews them).
    package func backlog(firstSeenBefore date: Date) throws(StateError) -> [BacklogEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM backlog WHERE first_seen < ? ORDER BY first_seen, rowid",
                arguments: [date.timeIntervalSince1970]
            )
            .compactMap(Self.entry)
        }
    }

    /// Whether the backlog holds an entry of `type`.
    package func backlogHolds(_ type: EntryType) throws(StateError) -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM backlog WHERE type = ?)", arguments: [type.rawValue]) ?? false
        }
    }

    /// The number of backlog entries.
    package func backlogCount() throws(StateError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM backlog") ?? 0 }
    }

    /// Removes the entries first seen before `date` and returns them (`--backlog-max-age`).
    package func expireBacklog(firstSeenBefore date: Date) throws(StateError) -> [BacklogEntry] {
        try write { db in
            try Row.fetchAll(
                db, sql: "DELETE FROM backlog WHERE first_seen < ? RETURNING *",
                arguments: [date.timeIntervalSince1970]
            )
            .compactMap(Self.entry)
        }
    }

    /// Removes the lowest-ranked entries beyond the first `maxEntries` and returns them (`--backlog-max-entries`).
    ///
    /// Counting is cheap; only the entries that go are read, worst first, from the rank index.
    package func dropBacklog(keeping maxEntries: Int) throws(StateError) -> [BacklogEntry] {
        try write { db in
            let excess = (try Int.fetchOne(db, sql: "SELECT count(*) FROM backlog") ?? 0) - max(0, maxEntries)
            guard excess > 0 else { return [] }
            var dropped: [BacklogRank.Ranked] = []
            dropped.reserveCapacity(excess)
            try BacklogRank.forEach(db, reverse: true) { ranked in
                dropped.append(ranked)
                return dropped.count < excess
            }
            let delete = try db.makeStatement(sql: "DELETE FROM backlog WHERE rowid = ?")
            for ranked in dropped { try delete.execute(arguments: [ranked.rowid]) }
            return dropped.reversed().map(\.entry)
        }
    }

    /// Adds entries or refreshes them (an existing entry keeps its first-seen time and source), optionally
    /// claimed by a run that is about to submit them.
    ///
    /// `entries` may be lazy: a night's deferrals are written one at a time, never gathered into an array first.
    package func upsertBacklog(
        _ entries: some Collection<BacklogEntry>, claimedBy runID: String?, at date: Date
    ) throws(StateError) {
        guard !entries.isEmpty else { return }
        try write { db in try Self.upsert(db, entries, claimedBy: runID, at: date) }
    }

    /// Writes a planned run's changes back in one transaction: `claimed` (what it will send, and what that covers)
    /// claimed by `runID`, and `kept` (what it defers) unclaimed.
    package func writeBack(
        claimed: some Collection<BacklogEntry>, kept: some Collection<BacklogEntry>, runID: String, at date: Date
    ) throws(StateError) {
        guard !claimed.isEmpty || !kept.isEmpty else { return }
        try write { db in
            try Self.upsert(db, claimed, claimedBy: runID, at: date)
            try Self.upsert(db, kept, claimedBy: nil, at: date)
        }
    }

    private static func upsert(
        _ db: Database, _ entries: some Collection<BacklogEntry>, claimedBy runID: String?, at date: Date
    ) throws {
        guard !entries.isEmpty else { return }
        // A night's deferrals write a million rows into two B-trees in one transaction; with SQLite's 2 MiB
        // default page cache they spill to the WAL and are read back page by page. A larger cache, for this
        // write only, keeps the B-trees' upper pages in memory.
        let large = entries.count > largeWrite
        if large { try db.execute(sql: "PRAGMA cache_size = -\(largeWriteCacheKiB)") }
        defer { if large { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
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

    /// How many entries make an upsert large enough for ``largeWriteCacheKiB``.
    static let largeWrite = 20_000
    /// The page cache, in KiB, of a large upsert.
    static let largeWriteCacheKiB = 24_576

    /// Removes entries from the backlog (accepted, or given up for good).
    package func removeFromBacklog(urls: [String], type: EntryType) throws(StateError) {
        try write { db in try Self.deleteBacklog(db, urls: urls, type: type) }
    }

    /// Empties the backlog and returns how many entries it held.
    @discardableResult
    package func clearBacklog() throws(StateError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM backlog")
            return db.changesCount
        }
    }

    static func deleteBacklog(_ db: Database, urls: [String], type: EntryType) throws {
        let statement = try db.makeStatement(sql: "DELETE FROM backlog WHERE url = ? AND type = ?")
        for url in urls { try statement.execute(arguments: [url, type.rawValue]) }
    }

    /// Deletes what accepted Directory or IgnoreParams entries refresh besides themselves, and returns it.
    ///
    /// Beneath a directory: every entry whose URL starts with it (not the directory itself); for an IgnoreParams
    /// entry: every file `url?query`. Both are key ranges of the primary key, so a large backlog is not scanned.
    static func deleteCovered(_ db: Database, by urls: [String], type: EntryType) throws -> [SweptEntry] {
        let sql: String
        switch type {
        case .directory: sql = "DELETE FROM backlog WHERE url > ? AND url < ? RETURNING *"
        case .ignoreparams: sql = "DELETE FROM backlog WHERE +type = 'file' AND url >= ? AND url < ? RETURNING *"
        case .file, .regex: return []
        }
        let statement = try db.makeStatement(sql: sql)
        var swept: [SweptEntry] = []
        for url in urls {
            let range = coveredRange(of: url, type: type)
            let rows = try Row.fetchCursor(statement, arguments: [range.lower, range.upper])
            while let row = try rows.next() {
                if let entry = entry(row) {
                    swept.append(SweptEntry(entry: entry, coveredBy: url, claimedBy: row["claimed_by"]))
                }
            }
        }
        return swept
    }

    /// The URLs a Directory entry (`url` ends with `/`) or an IgnoreParams entry covers, as a key range.
    ///
    /// From `lower` (exclusive for a directory, inclusive for query variants) to `upper` (exclusive). URLs compare
    /// as bytes, and `0` follows `/`, `@` follows `?`.
    static func coveredRange(of url: String, type: EntryType) -> (lower: String, upper: String) {
        if type == .ignoreparams { return (url + "?", url + "@") }
        return (url, String(url.dropLast()) + "0")
    }

    static func entry(_ row: Row) -> BacklogEntry? {
        guard let type = EntryType(rawValue: row["type"]) else { return nil }
        return BacklogEntry(
            url: row["url"], type: type, priority: row["priority"], hits: row["hits"],
            latestChange: row["latest_change"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
            source: row["source"])
    }
}
