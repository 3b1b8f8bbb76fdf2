import Foundation
import GRDB

/// The per-domain limits runs learned (`QuotaPerMinuteExceeded.Refresh`), kept a week.
extension StateStore {
    /// How long a learned limit is kept: accounts get raised.
    package static let domainLimitLifetime: Double = 7 * 86_400

    /// The limits learned within ``domainLimitLifetime`` of `now`, by domain.
    package func domainLimits(at now: Date) throws(StateError) -> [LearnedDomainLimit] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM domain_limit WHERE learned_at >= ? ORDER BY domain",
                arguments: [now.timeIntervalSince1970 - Self.domainLimitLifetime]
            ).map {
                LearnedDomainLimit(
                    domain: $0["domain"], urlsPerMinute: $0["urls_per_minute"],
                    learnedAt: Date(timeIntervalSince1970: $0["learned_at"]))
            }
        }
    }

    /// Keeps `limits` (URLs per minute, by domain), learned at `date`; older ones are forgotten.
    package func recordDomainLimits(_ limits: [String: Int], at date: Date) throws(StateError) {
        try write { db in
            try db.execute(
                sql: "DELETE FROM domain_limit WHERE learned_at < ?",
                arguments: [date.timeIntervalSince1970 - Self.domainLimitLifetime])
            for (domain, urls) in limits.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: """
                        INSERT INTO domain_limit (domain, urls_per_minute, learned_at) VALUES (?, ?, ?)
                        ON CONFLICT (domain) DO UPDATE SET urls_per_minute = excluded.urls_per_minute,
                            learned_at = excluded.learned_at
                        """, arguments: [domain, urls, date.timeIntervalSince1970])
            }
        }
    }
}
