import AlibabaCDN
import Foundation

/// Judges an edge's answer: a pure function of the answers, of when the refresh completed, and of the clock.
///
/// With the origin's answer: `fresh` when the edge's validators (`ETag`, `Last-Modified`, length) that both give are
/// equal, `stale` when one differs. Without it, the copy is dated by the first of `X-Swift-SaveTime` (when this
/// node stored or revalidated it), `Ali-Swift-Global-Savetime` (when the CDN first stored this version) and `Age`
/// against `Date`: stored after the task was seen `Complete`, it is `fresh`; before the task was last seen
/// unfinished, `stale`. `X-Cache` codes decide what dates do not: `TCP_MISS` and `TCP_REFRESH_MISS` (or a bare
/// `MISS`) were fetched for this request, so `fresh`; `TCP_REFRESH_HIT` was revalidated with the origin, so `fresh`
/// for a refresh that revalidates (Directory or IgnoreParams without `--force`), even when
/// `Ali-Swift-Global-Savetime` stays old, as a 304 leaves it. In between, or without those headers, `unknown`; an
/// edge that does not answer 2xx or 304 gives `unknown`. The reason names the header that decided.
enum FreshnessJudge {
    /// When the refresh of the judged URL happened, as the run saw it.
    struct Timing {
        /// Seconds since the task was first seen `Complete` (`nil`: not known).
        var sinceComplete: Double?
        /// Seconds since it was last known unfinished (`nil`: not known).
        var sinceUnfinished: Double?
        /// The wall clock when the answer came.
        var now: Date
        /// Whether the refresh revalidates rather than deletes (Directory or IgnoreParams without `Force`).
        var revalidates = false
    }

    /// Judges with the origin's answer when there is one, else by the copy's date and `X-Cache`.
    static func judge(edge: EdgeAnswer, origin: EdgeAnswer?, timing: Timing) -> Verdict {
        guard (200..<300).contains(edge.status) || edge.status == 304 else {
            return Verdict(.unknown, "the edge answered HTTP \(edge.status)")
        }
        if let origin { return compare(edge: edge, origin: origin) }
        return judgeByDate(edge, timing: timing)
    }

    /// Judges as ``judge(edge:origin:timing:)`` with the refresh's times and the current wall clock.
    static func judge(
        edge: EdgeAnswer, origin: EdgeAnswer?, sinceComplete: Double?, sinceUnfinished: Double?, now: Date = Date(),
        revalidates: Bool = false
    ) -> Verdict {
        judge(
            edge: edge, origin: origin,
            timing: Timing(
                sinceComplete: sinceComplete, sinceUnfinished: sinceUnfinished, now: now, revalidates: revalidates))
    }

    private static func compare(edge: EdgeAnswer, origin: EdgeAnswer) -> Verdict {
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

    private static func judgeByDate(_ edge: EdgeAnswer, timing: Timing) -> Verdict {
        let code = CacheCode(edge.xCache)
        // Times are compared on the edge's clock: ours, unless its `Date` is more than a rounding away.
        var edgeNow = timing.now
        if let date = edge.date.flatMap(HTTPDate.parse), abs(date.timeIntervalSince(timing.now)) > 2 { edgeNow = date }
        let completedAt = timing.sinceComplete.map { edgeNow - $0 }
        let unfinishedAt = timing.sinceUnfinished.map { edgeNow - $0 }
        let stored = storedTime(edge, edgeNow: edgeNow)
        if let stored {
            if let completedAt, stored.time >= completedAt {
                return Verdict(
                    .fresh,
                    "stored \(HTTPDate.clock(stored.time)) per \(stored.header), after the refresh completed at "
                        + HTTPDate.clock(completedAt))
            }
            if stored.header == "Ali-Swift-Global-Savetime", code == .refreshHit, timing.revalidates {
                return revalidated(code)
            }
            // An HTTP date or Unix seconds name the second the copy was stored in: it is surely older than the
            // refresh only when that whole second is.
            if let unfinishedAt, stored.time + stored.resolution <= unfinishedAt {
                return Verdict(
                    .stale,
                    "stored \(HTTPDate.clock(stored.time)) per \(stored.header), before the refresh completed (still "
                        + "unfinished at \(HTTPDate.clock(unfinishedAt)))")
            }
        }
        if code.fetchedNow {
            return Verdict(.fresh, "fetched from the origin for this request (X-Cache: \(code.text))")
        }
        if code == .refreshHit, timing.revalidates { return revalidated(code) }
        if let stored {
            return Verdict(
                .unknown,
                "stored \(HTTPDate.clock(stored.time)) per \(stored.header), around when the refresh completed")
        }
        if code == .none {
            return Verdict(.unknown, "no X-Swift-SaveTime, Ali-Swift-Global-Savetime, Age or X-Cache to date the copy")
        }
        return Verdict(
            .unknown, "no X-Swift-SaveTime, Ali-Swift-Global-Savetime or Age to date the copy (X-Cache: \(code.text))")
    }

    private static func revalidated(_ code: CacheCode) -> Verdict {
        Verdict(
            .fresh,
            "revalidated with the origin (X-Cache: \(code.text)); a 304 leaves Ali-Swift-Global-Savetime at the first "
                + "save")
    }

    /// When the copy was stored, on the edge's clock, the header that says so, and how much later within the
    /// stated second it may have been (1 s for a date; `Age` counts back from now).
    private static func storedTime(_ edge: EdgeAnswer, edgeNow: Date) -> (
        time: Date, header: String, resolution: Double
    )? {
        if let saved = edge.swiftSaveTime.flatMap(HTTPDate.parse) { return (saved, "X-Swift-SaveTime", 1) }
        if let text = edge.globalSaveTime?.trimmingCharacters(in: .whitespaces), let seconds = Double(text) {
            return (Date(timeIntervalSince1970: seconds), "Ali-Swift-Global-Savetime", 1)
        }
        if let age = edge.age { return (edgeNow - Double(age), "Age (\(age) s)", 0) }
        return nil
    }

    /// What `X-Cache` says of how the node came by its copy.
    enum CacheCode: Equatable {
        case hit, miss, refreshHit, refreshMiss, none
        var text: String {
            switch self {
            case .hit: "HIT"
            case .miss: "TCP_MISS"
            case .refreshHit: "TCP_REFRESH_HIT"
            case .refreshMiss: "TCP_REFRESH_MISS"
            case .none: "none"
            }
        }

        /// Reads `HIT TCP_MEM_HIT dirn:…`, `MISS TCP_MISS …`, or a bare `HIT`/`MISS`.
        init(_ header: String?) {
            let words = (header ?? "").uppercased().split(whereSeparator: { $0 == " " || $0 == "," })
            if words.contains("TCP_REFRESH_HIT") {
                self = .refreshHit
            } else if words.contains("TCP_REFRESH_MISS") {
                self = .refreshMiss
            } else if words.contains(where: { $0.hasPrefix("TCP_") && $0.hasSuffix("MISS") }) || words.first == "MISS" {
                self = .miss
            } else if words.first == "HIT" || words.contains(where: { $0.hasPrefix("TCP_") && $0.hasSuffix("HIT") }) {
                self = .hit
            } else {
                self = .none
            }
        }

        /// The copy was fetched for this very request.
        var fetchedNow: Bool { self == .miss || self == .refreshMiss }
    }
}
