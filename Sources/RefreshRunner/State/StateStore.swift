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
    private let database: any DatabaseWriter
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

    /// Opens (creating if needed, bringing its schema up to date) the store in `directory`, for a writer.
    ///
    /// - Parameter exclusive: take the lock (for `run`, `backlog clear`, `quota --forget-limits`). Readers use
    ///   ``openIfPresent(directory:)``, which never writes.
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
        configuration.prepareDatabase { db in
            // The write-ahead log shrinks back to nothing each time it starts over, instead of keeping the size of
            // the largest transaction (a night's deferrals can take hundreds of MB). Every commit then takes new
            // space: on a full disk it fails at once, and the run stops sending, rather than going on into a log
            // that happened to have room left.
            try db.execute(sql: "PRAGMA journal_size_limit = 0")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
        try Self.refuseNewerSchema(database, directory: directory)
        do {
            try Self.migrator.migrate(database)
            try database.write { db in try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)") }
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
    }

    /// The schema this build writes: one more for each migration (``migrator``), kept in SQLite's `user_version`.
    package static var schemaVersion: Int { migrator.migrations.count }

    /// Refuses a state that a newer build changed: its schema is one this build does not know, and using it could
    /// lose what the newer build keeps there.
    private static func refuseNewerSchema(_ database: any DatabaseReader, directory: String) throws(StateError) {
        let (version, superseded): (Int, Bool)
        do {
            (version, superseded) = try database.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasBeenSuperseded(db))
            }
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
        guard version > schemaVersion || superseded else { return }
        throw .unusable(
            directory: directory,
            reason: "it was written by a newer cdn-refresh (schema \(version), this build knows schema "
                + "\(schemaVersion)); use that version, or another --state-dir")
    }

    /// Opens an existing store read-only, as it is: never migrated, never written, no lock taken; `nil` when there is
    /// none yet (a reader creates nothing).
    ///
    /// A `run` in progress keeps writing beside it. A store an older build wrote is not upgraded under that run's
    /// feet: it is ``StateError/outdated(directory:schema:current:)`` (readers say "run `run` once to upgrade" and
    /// show nothing); a newer one is refused, as for a writer.
    package static func openIfPresent(directory: String) throws(StateError) -> StateStore? {
        let path = databasePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "cdn-refresh.state.reader"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
        try refuseNewerSchema(queue, directory: directory)
        let (version, complete): (Int, Bool)
        do {
            (version, complete) = try queue.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasCompletedMigrations(db))
            }
        } catch {
            throw .unusable(directory: directory, reason: "\(error)")
        }
        guard complete, version == schemaVersion else {
            throw .outdated(directory: directory, schema: version, current: schemaVersion)
        }
        return StateStore(directory: directory, database: queue)
    }

    private init(directory: String, database: any DatabaseWriter) {
        self.directory = directory
        self.database = database
        self.lock = nil
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

    /// Records the end of a run (with its summary, for `history`), and that the interrupted runs before it have
    /// been taken over.
    ///
    /// - Parameter interrupted: the run stopped before its work was done (its journal could not be written): it is
    ///   kept as interrupted, like a killed run, and the runs it took over stay so too; rerunning the same input
    ///   then does not send again what it had accepted.
    package func finishRun(id: String, at date: Date, summary: SummaryDocument? = nil, interrupted: Bool = false)
        throws(StateError)
    {
        let text = summary.map { JSONText.encode($0) }
        try write { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, finished_at = ?, summary = ? WHERE id = ?",
                arguments: [interrupted ? "interrupted" : "finished", date.timeIntervalSince1970, text, id])
            if !interrupted { try db.execute(sql: "UPDATE run SET status = 'recovered' WHERE status = 'interrupted'") }
            try db.execute(sql: "UPDATE backlog SET claimed_by = NULL WHERE claimed_by = ?", arguments: [id])
        }
    }
}
