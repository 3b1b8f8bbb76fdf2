import GRDB

extension StateStore {
    /// The database's schema, one migration per change; a database is brought up to date when it is opened.
    static let migrator: DatabaseMigrator = {
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
        migrator.registerMigration("v5: prefetches in the journal") { db in
            // Pushes are journaled like refreshes now (object_type 'preload'); the prefetch table keeps only what a
            // run meant to push. A push an older build left 'sending' becomes a journal request, settled alike.
            let rows = try Row.fetchAll(
                db, sql: "SELECT url, run_id, sent_at FROM prefetch WHERE status = 'sending' ORDER BY run_id, sent_at")
            let groups = Dictionary(grouping: rows) { row -> String in
                let runID: String = row["run_id"]
                let sent: Double = row["sent_at"] ?? 0
                return "\(runID)\t\(sent)"
            }
            for (index, key) in groups.keys.sorted().enumerated() {
                let group = groups[key] ?? []
                let urls: [String] = group.map { $0["url"] }
                let runID: String = group[0]["run_id"]
                let sent: Double = group[0]["sent_at"] ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO request (key, run_id, object_type, object_path, url_count, batch, status, sent_at)
                        VALUES (?, ?, 'preload', ?, ?, 0, 'sending', ?)
                        """,
                    arguments: [
                        "\(runID)-prefetch-migrated-\(index + 1)", runID, urls.joined(separator: "\n"), urls.count,
                        sent,
                    ])
            }
            try db.execute(sql: "DELETE FROM prefetch WHERE status = 'sending'")
        }
        migrator.registerMigration("v6: per-domain limits") { db in
            // What a QuotaPerMinuteExceeded.Refresh taught of each domain's limit, and when: later runs pace the
            // domain from their first request, and forget a limit a week old (accounts get raised).
            try db.create(table: "domain_limit") { table in
                table.column("domain", .text).primaryKey()
                table.column("urls_per_minute", .integer).notNull()
                table.column("learned_at", .double).notNull()
            }
        }
        migrator.registerMigration("v7: limits and room") { db in
            // A limit may be forgotten while what the domain proved is kept: urls_per_minute becomes optional; why a
            // limit was learned, and the most URLs the API accepted within one window (no learned limit falls below
            // it), are kept beside it.
            try db.create(table: "domain_limit_v7") { table in
                table.column("domain", .text).primaryKey()
                table.column("urls_per_minute", .integer)
                table.column("learned_at", .double)
                table.column("reason", .text).notNull().defaults(to: "")
                table.column("proven_urls", .integer).notNull().defaults(to: 0)
                table.column("proven_at", .double)
            }
            try db.execute(
                sql: """
                    INSERT INTO domain_limit_v7 (domain, urls_per_minute, learned_at, reason)
                    SELECT domain, urls_per_minute, learned_at, 'refused (learned by an earlier version)'
                    FROM domain_limit
                    """)
            try db.drop(table: "domain_limit")
            try db.rename(table: "domain_limit_v7", to: "domain_limit")
        }
        return migrator
    }()
}
