import CDNRefresh
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The run's durable memory in an SQLite database (GRDB, WAL): the journal of requests and the backlog.
///
/// One writer at a time: opening for a run takes an OS file lock (a second run gets
/// ``StateError/locked(directory:holderPID:)`` at once). The directory is created 0700, the files 0600. Every
/// journal change is one transaction, written before the request it announces goes out.
package final class StateStore: Sendable {
    package let directory: String
    private let database: DatabasePool
    private let lock: StateLock?

    /// The default directory: `$XDG_STATE_HOME/cdn-refresh`, else `~/.local/state/cdn-refresh`.
    package static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/cdn-refresh"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/cdn-refresh"
    }

    /// The database file inside a state directory.
    package static func databasePath(in directory: String) -> String {
        directory + "/state.sqlite"
    }

    /// Opens (creating if needed) the store in `directory`.
    ///
    /// - Parameter exclusive: take the lock (for `run` and `backlog clear`); readers (`plan`, `backlog list`)
    ///   do not.
    package init(directory: String, exclusive: Bool) throws(StateError) {
        self.directory = directory
        try Self.createDirectory(directory)
        lock = exclusive ? try StateLock(directory: directory) : nil
        let path = Self.databasePath(in: directory)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 {
            #if canImport(Glibc)
                Glibc.close(fd)
            #else
                Darwin.close(fd)
            #endif
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "cdn-refresh.state"
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
    }

    /// Opens an existing store for reading only; `nil` when there is none yet (a reader creates nothing).
    package static func openIfPresent(directory: String) throws(StateError) -> StateStore? {
        guard FileManager.default.fileExists(atPath: databasePath(in: directory)) else { return nil }
        return try StateStore(directory: directory, exclusive: false)
    }

    private static func createDirectory(_ directory: String) throws(StateError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .unusable(directory: directory, reason: "it is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusable(directory: directory, reason: "cannot create it: \(error.localizedDescription)")
        }
    }

    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, requests, backlog") { db in
            try db.create(table: "run") { table in
                table.primaryKey("id", .text)
                table.column("started_at", .double).notNull()
                table.column("finished_at", .double)
                table.column("pid", .integer).notNull()
                // running | finished | interrupted | recovered
                table.column("status", .text).notNull()
            }
            try db.create(table: "request") { table in
                table.primaryKey("key", .text)
                table.column("run_id", .text).notNull()
                table.column("object_type", .text).notNull()
                table.column("object_path", .text).notNull()
                table.column("url_count", .integer).notNull()
                table.column("batch", .integer).notNull()
                // sending | accepted | rejected | reconciled
                table.column("status", .text).notNull()
                table.column("sent_at", .double).notNull()
                table.column("finished_at", .double)
                table.column("request_id", .text)
                table.column("task_ids", .text)
                table.column("error_code", .text)
                table.column("found", .text)
            }
            try db.create(index: "request_by_status", on: "request", columns: ["status"])
            try db.create(index: "request_by_run", on: "request", columns: ["run_id"])
            try db.create(table: "backlog") { table in
                table.column("url", .text).notNull()
                table.column("type", .text).notNull()
                table.column("priority", .integer)
                table.column("hits", .integer).notNull()
                table.column("latest_change", .integer)
                table.column("first_seen", .double).notNull()
                table.column("source", .text).notNull()
                table.column("claimed_by", .text)
                table.column("updated_at", .double).notNull()
                table.primaryKey(["url", "type"])
            }
        }
        migrator.registerMigration("v2: backlog by type") { db in
            // A run that cannot send a type reads the backlog by type, and asks whether a type is there at all.
            try db.create(index: "backlog_by_type", on: "backlog", columns: ["type"])
        }
        migrator.registerMigration("v3: backlog by rank") { db in
            // A run reads each type's best-ranked entries, `backlog list` and the bound walk the rank order: all
            // from this index, never by sorting the whole backlog. It serves the look-ups by type as well.
            try db.execute(sql: "DROP INDEX backlog_by_type")
            try db.execute(sql: "CREATE INDEX backlog_by_rank ON backlog (type, \(BacklogRank.indexColumns))")
        }
        migrator.registerMigration("v4: prefetch journal, run summaries") { db in
            // What each finished run counted (its summary as JSON), for `cdn-refresh history`.
            try db.alter(table: "run") { table in table.add(column: "summary", .text) }
            // URLs a run means to prefetch once their refresh completes ('wanted'), and those whose
            // PushObjectCache request went out without a recorded answer ('sending'). Done ones leave.
            try db.create(table: "prefetch") { table in
                table.column("url", .text).primaryKey()
                table.column("status", .text).notNull()
                table.column("run_id", .text).notNull()
                table.column("sent_at", .double)
                table.column("updated_at", .double).notNull()
            }
        }
        return migrator
    }()

    func write<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
    }

    /// Releases the lock (when this store holds it) and closes the database; the store is unusable after.
    ///
    /// Deinitialization does the same; `close()` makes the moment explicit.
    package func close() {
        lock?.release()
        try? database.close()
    }

    // MARK: - Runs

    /// Records the start of a run; runs still marked `running` died (this one holds the lock) and become
    /// `interrupted`.
    package func beginRun(id: String, at date: Date) throws(StateError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = 'interrupted' WHERE status = 'running'")
            try db.execute(
                sql: "INSERT INTO run (id, started_at, pid, status) VALUES (?, ?, ?, 'running')",
                arguments: [id, date.timeIntervalSince1970, Int(getpid())])
        }
    }

    /// Records the end of a run (with its summary as JSON, for `history`), and that the interrupted runs before it
    /// have been taken over.
    package func finishRun(id: String, at date: Date, summary: String? = nil) throws(StateError) {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET status = 'finished', finished_at = ?, summary = ? WHERE id = ?",
                arguments: [date.timeIntervalSince1970, summary, id])
            try db.execute(sql: "UPDATE run SET status = 'recovered' WHERE status = 'interrupted'")
            try db.execute(sql: "UPDATE backlog SET claimed_by = NULL WHERE claimed_by = ?", arguments: [id])
        }
    }

    // MARK: - Journal

    /// Records a request as `sending`, before it goes out.
    package func recordSending(key: String, runID: String, type: EntryType, urls: [String], batch: Int, at date: Date)
        throws(StateError)
    {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO request (key, run_id, object_type, object_path, url_count, batch, status, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'sending', ?)
                    """,
                arguments: [
                    key, runID, type.rawValue, urls.joined(separator: "\n"), urls.count, batch,
                    date.timeIntervalSince1970,
                ])
        }
    }

    /// Records an accepted request and takes its URLs out of the backlog, in one transaction.
    ///
    /// An accepted directory also takes out every entry beneath it, and an accepted IgnoreParams entry every query
    /// variant of its URL: they refresh them. Returns those entries.
    @discardableResult
    package func recordAccepted(
        key: String, urls: [String], type: EntryType, requestID: String, taskIDs: [String], at date: Date
    )
        throws(StateError) -> [SweptEntry]
    {
        try write { db in
            try db.execute(
                sql:
                    "UPDATE request SET status = 'accepted', finished_at = ?, request_id = ?, task_ids = ? WHERE key = ?",
                arguments: [date.timeIntervalSince1970, requestID, taskIDs.joined(separator: ","), key])
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

    /// Records the outcome of a look-up after a lost answer: `found` URLs (with task IDs) leave the backlog, and
    /// so does what they cover (returned).
    @discardableResult
    package func recordReconciled(key: String, type: EntryType, found: [String: String], at date: Date)
        throws(StateError) -> [SweptEntry]
    {
        try write { db in
            let foundText = found.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
            try db.execute(
                sql: "UPDATE request SET status = 'reconciled', finished_at = ?, found = ? WHERE key = ?",
                arguments: [date.timeIntervalSince1970, foundText, key])
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
                guard let type = EntryType(rawValue: row["object_type"]) else { return nil }
                let path: String = row["object_path"]
                return PendingRequest(
                    key: row["key"], runID: row["run_id"], type: type,
                    urls: path.split(separator: "\n").map(String.init),
                    sentAt: Date(timeIntervalSince1970: row["sent_at"]))
            }
        }
    }

    /// URLs accepted by runs that were interrupted and not yet taken over by a finished run.
    package func acceptancesOfInterruptedRuns() throws(StateError) -> [EarlierAcceptance] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT request.* FROM request JOIN run ON run.id = request.run_id
                    WHERE run.status = 'interrupted' AND request.status IN ('accepted', 'reconciled')
                    ORDER BY request.sent_at
                    """)
            var result: [EarlierAcceptance] = []
            for row in rows {
                guard let type = EntryType(rawValue: row["object_type"]) else { continue }
                let at = Date(timeIntervalSince1970: row["sent_at"])
                let runID: String = row["run_id"]
                let status: String = row["status"]
                if status == "accepted" {
                    let path: String = row["object_path"]
                    let tasks: String = row["task_ids"] ?? ""
                    for url in path.split(separator: "\n") {
                        result.append(
                            EarlierAcceptance(
                                url: String(url), type: type, acceptedAt: at, requestID: row["request_id"] ?? "",
                                taskIDs: tasks.split(separator: ",").map(String.init), runID: runID))
                    }
                } else {
                    let found: String = row["found"] ?? ""
                    for line in found.split(separator: "\n") {
                        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                        result.append(
                            EarlierAcceptance(
                                url: parts[0], type: type, acceptedAt: at, requestID: "",
                                taskIDs: parts.count > 1 ? [parts[1]] : [], runID: runID))
                    }
                }
            }
            return result
        }
    }
}
