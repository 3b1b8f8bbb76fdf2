import AlibabaCDN

/// Judges an edge's answer: a pure function of the answers and of when the refresh completed.
///
/// With the origin's answer: `fresh` when the edge's validators (`ETag`, `Last-Modified`, length) that both give are
/// equal, `stale` when one differs. Without it: the copy's age against the refresh — `fresh` when it was cached
/// after the task was seen `Complete` (`Age` ≤ the seconds since then) or fetched just now (`X-Cache: MISS`),
/// `stale` when it was cached before the task was last seen unfinished; in between, or without those headers,
/// `unknown`. An edge that does not answer 2xx or 304 gives `unknown`.
enum FreshnessJudge {
    /// - Parameters:
    ///   - sinceComplete: seconds since the task was first seen `Complete` (`nil`: not known).
    ///   - sinceUnfinished: seconds since it was last known unfinished (`nil`: not known).
    static func judge(
        edge: EdgeAnswer, origin: EdgeAnswer?, sinceComplete: Double?, sinceUnfinished: Double?
    ) -> Verdict {
        guard (200..<300).contains(edge.status) || edge.status == 304 else {
            return Verdict(.unknown, "the edge answered HTTP \(edge.status)")
        }
        if let origin {
            guard (200..<300).contains(origin.status) || origin.status == 304 else {
                return Verdict(.unknown, "the origin answered HTTP \(origin.status)")
            }
            var compared: [String] = []
            for (name, ours, theirs) in [
                ("ETag", edge.etag, origin.etag), ("Last-Modified", edge.lastModified, origin.lastModified),
                ("length", edge.length.map(String.init), origin.length.map(String.init)),
            ] {
                guard let ours, let theirs else { continue }
                if ours != theirs { return Verdict(.stale, "its \(name) differs from the origin's") }
                compared.append(name)
            }
            guard !compared.isEmpty else { return Verdict(.unknown, "no validators to compare with the origin") }
            return Verdict(.fresh, "\(compared.joined(separator: ", ")) equal to the origin's")
        }
        if let age = edge.age {
            if let sinceComplete, Double(age) <= sinceComplete {
                return Verdict(.fresh, "cached \(age) s ago, after the refresh completed")
            }
            if let sinceUnfinished, Double(age) > sinceUnfinished {
                return Verdict(.stale, "cached \(age) s ago, before the refresh completed")
            }
        }
        if let cache = edge.xCache, cache.uppercased().hasPrefix("MISS") {
            return Verdict(.fresh, "fetched from the origin (X-Cache: MISS)")
        }
        if let age = edge.age {
            return Verdict(.unknown, "cached \(age) s ago, around when the refresh completed")
        }
        return Verdict(.unknown, "no Age or X-Cache header to date the copy")
    }
}
