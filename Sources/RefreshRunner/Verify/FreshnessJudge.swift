import AlibabaCDN
import Foundation

/// Judges an edge's answer: a pure function of the answers, of when the refresh completed, and of when the probe went
/// out and came back.
///
/// With the origin's answer: `fresh` when the edge's validators (`ETag`, `Last-Modified`, length) that both give are
/// equal, `stale` when one differs. Without it, the copy is dated by the first of `X-Swift-SaveTime` (when this
/// node stored or revalidated it), `Ali-Swift-Global-Savetime` (when the CDN first stored this version) and `Age`
/// against `Date`, all on the edge's own clock; the refresh's times are mapped onto that clock first (the edge's
/// `Date` against the probe's time, the probe's round trip as the uncertainty). Stored surely after the task was seen
/// `Complete`: `fresh`; surely before it was last seen unfinished: `stale`. Every tier of a multi-tier answer counts
/// (`X-Cache: MISS TCP_MISS …, HIT TCP_HIT …`, `Via`): when an upper tier answered from its cache, the version is
/// dated by `Ali-Swift-Global-Savetime`, and older than the refresh it is `stale` however recently this node stored
/// it. `X-Cache` codes decide what dates do not: every tier missed (`TCP_MISS`, `TCP_REFRESH_MISS`, a bare `MISS`),
/// so the copy was fetched for this request: `fresh`; `TCP_REFRESH_HIT` (or a 304 in `Via`) was revalidated with the
/// origin, so `fresh` for a refresh that revalidates (Directory or IgnoreParams without `--force`), even when
/// `Ali-Swift-Global-Savetime` stays old, as a 304 leaves it. In between, or without those headers, `unknown`; an
/// edge that does not answer 2xx or 304 gives `unknown`. The reason names the header that decided.
enum FreshnessJudge {
    /// When the refresh of the judged URL happened, and when the probe went out and came back, on our wall clock.
    struct Timing {
        /// When the task was first seen `Complete` (`nil`: not known).
        var completedAt: Date?
        /// When it was last known unfinished (`nil`: not known).
        var unfinishedAt: Date?
        /// When the probe was sent.
        var probeSent: Date
        /// When its answer came.
        var probeAnswered: Date
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

    /// Judges as ``judge(edge:origin:timing:)`` for a probe answered at once at `now`, the refresh seen complete
    /// `sinceComplete` seconds before and unfinished `sinceUnfinished` seconds before.
    static func judge(
        edge: EdgeAnswer, origin: EdgeAnswer?, sinceComplete: Double?, sinceUnfinished: Double?, now: Date = Date(),
        revalidates: Bool = false
    ) -> Verdict {
        judge(
            edge: edge, origin: origin,
            timing: Timing(
                completedAt: sinceComplete.map { now - $0 }, unfinishedAt: sinceUnfinished.map { now - $0 },
                probeSent: now, probeAnswered: now, revalidates: revalidates))
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
}
