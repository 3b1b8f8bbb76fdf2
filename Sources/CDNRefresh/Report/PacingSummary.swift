import Support

/// How per-domain limits paced a run, for the summary, `--summary json` and the metrics.
package struct PacingSummary: Sendable, Equatable {
    /// A domain that had a limit, the limit, and where it came from (`given`, `learned`, `learned today`).
    package struct Domain: Sendable, Equatable {
        package var domain: String
        package var urlsPerMinute: Int
        package var source: String

        package init(domain: String, urlsPerMinute: Int, source: String) {
            self.domain = domain
            self.urlsPerMinute = urlsPerMinute
            self.source = source
        }
    }

    /// In domain order.
    package var domains: [Domain]
    /// Scheduling refusals by code (`QuotaPerMinuteExceeded.Refresh`, `TooMany.Refresh`, `Throttling.User`…).
    package var refusals: [String: Int]
    /// Seconds during which nothing could be sent for pacing.
    package var waitSeconds: Double
    /// URLs deferred because they could not be sent within `--pace-timeout` (they wait in the backlog).
    package var deferred: Int

    package init(domains: [Domain], refusals: [String: Int], waitSeconds: Double, deferred: Int = 0) {
        self.domains = domains
        self.refusals = refusals
        self.waitSeconds = waitSeconds
        self.deferred = deferred
    }

    /// The summary's line.
    package var sentence: String {
        var parts: [String] = []
        let shown = domains.prefix(3).map {
            "\($0.domain) at \(Figures.grouped($0.urlsPerMinute)) URLs/min (\($0.source))"
        }
        if !shown.isEmpty {
            parts.append(shown.joined(separator: ", ") + (domains.count > 3 ? " and \(domains.count - 3) more" : ""))
        }
        let refused = refusals.values.reduce(0, +)
        if refused > 0 {
            let codes = refusals.keys.sorted().map { "\(refusals[$0]!) \($0)" }.joined(separator: ", ")
            parts.append("\(refused) \(refused == 1 ? "refusal" : "refusals") (\(codes))")
        }
        parts.append("waited \(Figures.seconds(waitSeconds))")
        if deferred > 0 {
            parts.append("\(Figures.grouped(deferred)) deferred past --pace-timeout")
        }
        return parts.joined(separator: "; ")
    }
}
