import Foundation
import GRDB
import Support
import Synchronization

/// The emulator's logstore: real-time log records in SQLite, queried the way SLS queries them (search, then SQL).
///
/// Records come from a JSON-lines file (`--sls-records`: objects with the documented real-time log fields, their time
/// in `__time__` or `unixtime`), or are made up for the sandbox. Every value is kept as text, as SLS answers it; the
/// search part compares numbers numerically. A query's full result is kept once computed, so its pages are slices of
/// it (a million groups are grouped once, not once a page).
final class SLSRecordStore: Sendable {
    /// The real-time log fields (CDN document 121709), and SLS's own.
    static let fields = [
        "__time__", "__source__", "unixtime", "domain", "method", "scheme", "uri", "uri_param", "client_ip", "proxy_ip",
        "remote_ip", "remote_port", "refer_protocol", "refer_domain", "refer_uri", "refer_param", "request_size",
        "request_time", "response_size", "return_code", "sent_http_content_range", "server_addr", "server_port",
        "body_bytes_sent", "content_type", "hit_info", "http_range", "user_agent", "uuid", "via_info", "xforwordfor",
    ]

    let database: DatabaseQueue
    /// The database's file, removed with the store.
    private let path: String
    /// Records loaded.
    let count: Int
    private let results = Results()

    /// Loads `path` (JSON lines); a line that is not a JSON object is skipped.
    convenience init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try self.init(
            records: text.split(separator: "\n").lazy.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            })
    }

    init(records: some Sequence<[String: Any]>) throws {
        let path = NSTemporaryDirectory() + "cdn-refresh-sls-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        self.path = path
        database = try DatabaseQueue(path: path)
        var loaded = 0
        try database.write { db in
            let columns = Self.fields.map { $0 == "__time__" ? "\"__time__\" INTEGER" : "\"\($0)\" TEXT" }
            try db.execute(sql: "CREATE TABLE records (\(columns.joined(separator: ", ")))")
            let placeholders = Array(repeating: "?", count: Self.fields.count).joined(separator: ", ")
            let insert = try db.makeStatement(
                sql: "INSERT INTO records VALUES (\(placeholders))")
            for record in records {
                let time = Self.time(of: record)
                let values: [(any DatabaseValueConvertible)?] = Self.fields.map { field in
                    field == "__time__" ? time : record[field].map(Self.text)
                }
                try insert.execute(arguments: StatementArguments(values))
                loaded += 1
            }
            try db.execute(sql: "CREATE INDEX records_by_time ON records (\"__time__\")")
        }
        count = loaded
    }

    deinit {
        try? database.close()
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func time(of record: [String: Any]) -> Int64 {
        for key in ["__time__", "unixtime"] {
            if let number = record[key] as? NSNumber { return number.int64Value }
            if let text = record[key] as? String, let value = Int64(text) { return value }
        }
        return 0
    }

    /// A value as SLS shows it: text.
    static func text(_ value: Any) -> String {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return "\(value)"
    }

    /// Full results of queries already run, by query and window.
    private final class Results: Sendable {
        private let cache = Mutex<[String: [[String: String]]]>([:])

        func get(_ key: String) -> [[String: String]]? { cache.withLock { $0[key] } }
        func set(_ key: String, _ rows: [[String: String]]) { cache.withLock { $0[key] = rows } }
    }

    /// The rows of `sql` (already with its `FROM`, without its `LIMIT`) over the records of `[from, to)` that
    /// `condition` matches, from `offset`, at most `count`.
    func rows(sql: String, condition: SLSSearch.Condition, from: Int64, to: Int64, offset: Int, count: Int) throws
        -> [[String: String]]
    {
        let key = "\(from) \(to) \(condition.sql) \(condition.arguments) \(sql)"
        if let cached = results.get(key) { return Array(cached.dropFirst(offset).prefix(count)) }
        let statement =
            "WITH log AS (SELECT * FROM records WHERE \"__time__\" >= ? AND \"__time__\" < ? AND (\(condition.sql))) "
            + sql
        let rows = try database.read { db in
            let bound: [any DatabaseValueConvertible] =
                [from, to]
                + condition.arguments.map { argument -> any DatabaseValueConvertible in
                    switch argument {
                    case .text(let text): text
                    case .number(let number): number
                    }
                }
            return try Row.fetchAll(db, sql: statement, arguments: StatementArguments(bound)).map {
                row in
                var fields: [String: String] = [:]
                for (column, value) in row { fields[column] = Self.text(value) }
                return fields
            }
        }
        results.set(key, rows)
        return Array(rows.dropFirst(offset).prefix(count))
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "null"
        case .int64(let number): String(number)
        case .double(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}

extension SLSRecordStore {
    /// An hour of made-up real-time records for www.example.com, up to `until`: mostly reads answered 200, some
    /// writes, and a few paths that fail with 502 and 504 (the sandbox's incident).
    static func madeUp(until: Date, seed: UInt64) -> [[String: Any]] {
        var random = SplitMix64(seed: seed)
        let end = Int64(until.timeIntervalSince1970)
        return (0..<3000).map { index in
            let path = Int(random.next() % 200)
            let failing = path < 12
            let method = index % 20 == 0 ? "PUT" : "GET"
            let status = failing && random.next() % 2 == 0 ? (path % 2 == 0 ? "502" : "504") : "200"
            return [
                "__time__": end - 3600 + Int64(index) * 3600 / 3000, "domain": "www.example.com", "method": method,
                "scheme": "https", "uri": "/static/\(path).png", "uri_param": path % 7 == 0 ? "v=\(path % 3)" : "-",
                "return_code": status, "hit_info": status == "200" ? "HIT" : "MISS", "client_ip": "203.0.113.9",
                "response_size": "1024", "request_time": "12", "user_agent": "Mozilla/5.0",
            ]
        }
    }
}
