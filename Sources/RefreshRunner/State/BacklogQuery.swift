import CDNRefresh
import Foundation

/// What a run reads of the backlog: for each type it can send today, that type's best-ranked entries; and every
/// entry its inputs name (to merge with them).
///
/// The rest stays in the database: a backlog can hold a million entries, and a run can send a few thousand.
package struct BacklogQuery: Sendable {
    /// For each type, how many of its best-ranked entries to read (`Int.max`: all of them).
    ///
    /// A type not named here is read only where ``named`` names its entries.
    package var windows: [EntryType: Int]
    /// Entries to read whatever their rank.
    package var named: [CandidateKey]
    /// The `--priority-rule` weight of a URL, when the run has rules: the planner ranks by it before hits.
    package var ruleWeight: (@Sendable (String) -> Int)?
    /// What today's inputs add to an entry's hits, when they read anything.
    package var todayHits: (@Sendable (String, EntryType) -> Int)?
    /// Only entries first seen at or after this date (`plan`, which leaves older ones to expire in the next run).
    package var firstSeenSince: Date?

    package init(
        windows: [EntryType: Int] = [:], named: [CandidateKey] = [], ruleWeight: (@Sendable (String) -> Int)? = nil,
        todayHits: (@Sendable (String, EntryType) -> Int)? = nil
    ) {
        self.windows = windows
        self.named = named
        self.ruleWeight = ruleWeight
        self.todayHits = todayHits
    }

    /// The order of one type's entries: ``BacklogRank/order``, which the index holds, unless rule weights or
    /// today's hits change it; then SQLite ranks the type's entries and keeps only the window's best.
    var order: String {
        guard ruleWeight != nil || todayHits != nil else { return BacklogRank.order }
        let weight = ruleWeight == nil ? "" : "\(Self.ruleWeightFunction)(url) DESC, "
        let hits = todayHits == nil ? "hits" : "hits + \(Self.todayHitsFunction)(url, type)"
        return """
            coalesce(priority, 0) DESC, \(weight)\(hits) DESC, coalesce(latest_change, -9223372036854775808) DESC,
                first_seen, rowid
            """
    }

    static let ruleWeightFunction = "cdn_refresh_rule_weight"
    static let todayHitsFunction = "cdn_refresh_today_hits"
}
