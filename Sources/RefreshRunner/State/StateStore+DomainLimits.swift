import Foundation
import GRDB

/// What runs learned of each domain's per-minute limit (`QuotaPerMinuteExceeded.Refresh`), kept a week.
extension StateStore {
    /// How long a learned limit, or a window's proof, is kept: accounts get raised, neighbours come and go.
    package static let domainLimitLifetime: Double = 7 * 86_400

    /// What is known within ``domainLimitLifetime`` of `now`, by domain: a limit or a proof older than that is left
    /// out.
    package func domainLimits(at now: Date) throws(StateError) -> [LearnedDomainLimit] {
        let oldest = now.timeIntervalSince1970 - Self.domainLimitLifetime
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM domain_limit ORDER BY domain").compactMap { row in
                let learnedAt: Double? = row["learned_at"]
                let provenAt: Double? = row["proven_at"]
                let limitKept = (learnedAt ?? -.infinity) >= oldest
                let provenKept = (provenAt ?? -.infinity) >= oldest
                let limit: Int? = limitKept ? row["urls_per_minute"] : nil
                let proven: Int = provenKept ? row["proven_urls"] : 0
                guard limit != nil || proven > 0 else { return nil }
                return LearnedDomainLimit(
                    domain: row["domain"], urlsPerMinute: limit,
                    learnedAt: limitKept ? learnedAt.map(Date.init(timeIntervalSince1970:)) : nil,
                    reason: limitKept ? row["reason"] : "", provenURLs: proven,
                    provenAt: provenKept ? provenAt.map(Date.init(timeIntervalSince1970:)) : nil)
            }
        }
    }

    /// Keeps what a run found out at `date`.
    ///
    /// Limits learned, lowered, raised or forgotten (with why), and windows that proved more than was known. What is
    /// older than a week is forgotten.
    package func recordDomainFindings(_ findings: [String: DomainPacer.Finding], at date: Date) throws(StateError) {
        let now = date.timeIntervalSince1970
        try write { db in
            try db.execute(
                sql: "DELETE FROM domain_limit WHERE COALESCE(learned_at, 0) < ? AND COALESCE(proven_at, 0) < ?",
                arguments: [now - Self.domainLimitLifetime, now - Self.domainLimitLifetime])
            for (domain, finding) in findings.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO domain_limit (domain) VALUES (?) ON CONFLICT (domain) DO NOTHING",
                    arguments: [domain])
                if finding.limitChanged {
                    try db.execute(
                        sql: "UPDATE domain_limit SET urls_per_minute = ?, learned_at = ?, reason = ? WHERE domain = ?",
                        arguments: [finding.limit, now, finding.reason, domain])
                }
                try db.execute(
                    sql: """
                        UPDATE domain_limit SET proven_urls = ?, proven_at = ?
                        WHERE domain = ? AND (proven_urls < ? OR COALESCE(proven_at, 0) < ?)
                        """,
                    arguments: [finding.proven, now, domain, finding.proven, now - Self.domainLimitLifetime])
            }
        }
    }

    /// Forgets what was learned of `domains` (every domain when `nil`): limits and proofs; the API is not asked.
    ///
    /// - Returns: the domains forgotten.
    package func forgetDomainLimits(_ domains: [String]?) throws(StateError) -> [String] {
        try write { db in
            let known = try String.fetchAll(db, sql: "SELECT domain FROM domain_limit ORDER BY domain")
            let doomed = domains.map { wanted in known.filter { wanted.contains($0) } } ?? known
            for domain in doomed {
                try db.execute(sql: "DELETE FROM domain_limit WHERE domain = ?", arguments: [domain])
            }
            return doomed
        }
    }
}
