import AlibabaCDN
import Foundation

/// Judging by when the copy was stored, on the edge's clock, and by what every tier said.
extension FreshnessJudge {
    static func judgeByDate(_ edge: EdgeAnswer, timing: Timing) -> Verdict {
        let clock = EdgeClock(edge: edge, sent: timing.probeSent, answered: timing.probeAnswered)
        let margin = clock.uncertainty
        let tiers = CacheTiers(xCache: edge.xCache, via: edge.via)
        let completed = timing.completedAt.map(clock.onEdge)
        let unfinished = timing.unfinishedAt.map(clock.onEdge)
        let frame = clock.differs ? ", on the edge's clock (\(offsetText(clock.offset)) ours)" : ""
        let stored = storedTime(edge, edgeNow: clock.onEdge(timing.probeAnswered))
        let revalidated = timing.revalidates && tiers.revalidated
        // An upper tier answered from its cache: the version is as old as the CDN's first save of it.
        var oldVersion: Verdict?
        if tiers.upperTierHit, !revalidated, let global = globalSaveTime(edge), let unfinished,
            global + 1 <= unfinished - margin
        {
            oldVersion = Verdict(
                .stale,
                "an upper tier answered from its cache (\(tiers.hitText)) with a copy stored \(HTTPDate.clock(global)) "
                    + "per Ali-Swift-Global-Savetime, before the refresh completed (still unfinished at "
                    + "\(HTTPDate.clock(unfinished))\(frame))")
        }
        if let stored {
            if let completed, stored.time >= completed + margin {
                return oldVersion
                    ?? Verdict(
                        .fresh,
                        "stored \(HTTPDate.clock(stored.time)) per \(stored.header), after the refresh completed at "
                            + HTTPDate.clock(completed) + frame)
            }
            if stored.header == "Ali-Swift-Global-Savetime", revalidated {
                return revalidatedVerdict(tiers)
            }
            // An HTTP date or Unix seconds name the second the copy was stored in: it is surely older than the
            // refresh only when that whole second is.
            if let unfinished, stored.time + stored.resolution <= unfinished - margin {
                return Verdict(
                    .stale,
                    "stored \(HTTPDate.clock(stored.time)) per \(stored.header), before the refresh completed (still "
                        + "unfinished at \(HTTPDate.clock(unfinished))\(frame))")
            }
        }
        if let oldVersion { return oldVersion }
        if tiers.allMissed {
            return Verdict(.fresh, "fetched from the origin for this request (X-Cache: \(tiers.primary.text))")
        }
        if revalidated { return revalidatedVerdict(tiers) }
        if let stored {
            return Verdict(
                .unknown,
                "stored \(HTTPDate.clock(stored.time)) per \(stored.header), around when the refresh completed\(frame)")
        }
        if tiers.codes.isEmpty {
            return Verdict(.unknown, "no X-Swift-SaveTime, Ali-Swift-Global-Savetime, Age or X-Cache to date the copy")
        }
        return Verdict(
            .unknown,
            "no X-Swift-SaveTime, Ali-Swift-Global-Savetime or Age to date the copy (X-Cache: \(tiers.primary.text))")
    }

    private static func revalidatedVerdict(_ tiers: CacheTiers) -> Verdict {
        Verdict(
            .fresh,
            "revalidated with the origin (X-Cache: \(tiers.codes.contains(.refreshHit) ? "TCP_REFRESH_HIT" : "304 in Via"));"
                + " a 304 leaves Ali-Swift-Global-Savetime at the first save")
    }

    /// `10 min behind`, `3 s ahead of`.
    private static func offsetText(_ offset: Double) -> String {
        let seconds = abs(offset)
        let amount = seconds >= 120 ? "\(Int((seconds / 60).rounded())) min" : "\(Int(seconds.rounded())) s"
        return offset < 0 ? "\(amount) behind" : "\(amount) ahead of"
    }

    /// When the copy was stored, on the edge's clock, the header that says so, and how much later within the
    /// stated second it may have been (1 s for a date; `Age` counts back from now).
    private static func storedTime(_ edge: EdgeAnswer, edgeNow: Date) -> (
        time: Date, header: String, resolution: Double
    )? {
        if let saved = edge.swiftSaveTime.flatMap(HTTPDate.parse) { return (saved, "X-Swift-SaveTime", 1) }
        if let global = globalSaveTime(edge) { return (global, "Ali-Swift-Global-Savetime", 1) }
        if let age = edge.age { return (edgeNow - Double(age), "Age (\(age) s)", 0) }
        return nil
    }

    /// `Ali-Swift-Global-Savetime`: when the CDN first stored this version (Unix seconds).
    private static func globalSaveTime(_ edge: EdgeAnswer) -> Date? {
        guard let text = edge.globalSaveTime?.trimmingCharacters(in: .whitespaces), let seconds = Double(text) else {
            return nil
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
