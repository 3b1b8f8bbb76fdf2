import CDNRefresh
import Foundation
import GRDB

/// The backlog's rank order: the planner's for entries of the backlog, without `--priority-rule` weights and
/// today's hits, which the state does not keep (``BacklogQuery/Ranking`` adds them when a run has them).
///
/// Explicit priority, then hits, then the latest change, then first appearance (first seen, then the order in
/// which they were written: their rank in the run that first kept them). The `backlog_by_rank` index holds this
/// order for each type, so reading the best entries of a type, or the worst, never sorts the backlog.
enum BacklogRank {
    /// The index's columns after `type`; the order clauses below must use the same expressions for SQLite to
    /// walk the index instead of sorting.
    static let indexColumns =
        "coalesce(priority, 0) DESC, hits DESC, coalesce(latest_change, -9223372036854775808) DESC, first_seen"

    /// Best first.
    static let order = """
        coalesce(priority, 0) DESC, hits DESC, coalesce(latest_change, -9223372036854775808) DESC, first_seen, rowid
        """

    /// Worst first.
    static let reverseOrder = """
        coalesce(priority, 0), hits, coalesce(latest_change, -9223372036854775808), first_seen DESC, rowid DESC
        """

    /// One backlog row and what ranks it.
    struct Ranked {
        var rowid: Int64
        var entry: BacklogEntry
        var priority: Int
        var change: Int64

        init?(_ row: Row) {
            guard let entry = StateStore.entry(row) else { return nil }
            self.rowid = row["seq"]
            self.entry = entry
            self.priority = entry.priority ?? 0
            self.change = entry.latestChange ?? .min
        }

        /// Whether it ranks before `other` in ``BacklogRank/order``.
        func precedes(_ other: Ranked) -> Bool {
            if priority != other.priority { return priority > other.priority }
            if entry.hits != other.entry.hits { return entry.hits > other.entry.hits }
            if change != other.change { return change > other.change }
            if entry.firstSeen != other.entry.firstSeen { return entry.firstSeen < other.entry.firstSeen }
            return rowid < other.rowid
        }
    }

    /// Calls `body` with every backlog row in rank order (`reverse`: worst first) until it returns `false`.
    ///
    /// Each type is read from the index in its order, and the types are merged: only one row per type is held.
    static func forEach(_ db: Database, reverse: Bool, _ body: (Ranked) throws -> Bool) throws {
        let cursors = try EntryType.allCases.map { type in
            try Row.fetchCursor(
                db,
                sql: "SELECT rowid AS seq, * FROM backlog WHERE type = ? ORDER BY \(reverse ? reverseOrder : order)",
                arguments: [type.rawValue])
        }
        var heads = try cursors.map { try next(from: $0) }
        while true {
            var chosen: Int?
            for (index, head) in heads.enumerated() {
                guard let head else { continue }
                if let current = chosen, let best = heads[current] {
                    if reverse ? best.precedes(head) : head.precedes(best) { chosen = index }
                } else {
                    chosen = index
                }
            }
            guard let chosen, let row = heads[chosen] else { return }
            guard try body(row) else { return }
            heads[chosen] = try next(from: cursors[chosen])
        }
    }

    private static func next(from cursor: RowCursor) throws -> Ranked? {
        while let row = try cursor.next() {
            if let ranked = Ranked(row) { return ranked }
        }
        return nil
    }
}
