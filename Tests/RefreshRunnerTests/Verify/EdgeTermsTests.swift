import AlibabaCDN
import Foundation
import Testing

@testable import RefreshRunner

/// The judge on the edge's terms: its own clock (ahead or behind ours) and every tier of its answer.
@Suite("Verification on the edge's clock and tiers")
struct EdgeTermsTests {
    /// Our clock: 2025-05-15 05:40:00 GMT.
    ///
    /// The refresh was seen complete at 05:39:55, last unfinished at 05:39:48.
    static let now = Date(timeIntervalSince1970: 1_747_287_600)
    /// Unix seconds of 05:39:40 (before the refresh) and of an hour before it.
    static let beforeRefresh = 1_747_287_580
    static let hourOld = 1_747_284_000

    static func at(_ seconds: Int, shift: Int = 0) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(seconds + shift)))
    }

    static let behind = -600
    static let ahead = 600
    static let nowSeconds = 1_747_287_600

    @Test(
        "the judge's cases: clocks ten minutes off, tiers that hit, revalidations, a slow probe",
        arguments: [
            // 1–2: an edge 10 minutes behind: its own Date sets the frame, both ways.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT dirn:12:57850580", date: at(nowSeconds, shift: behind),
                    swiftSaveTime: at(nowSeconds - 2, shift: behind)),
                0.05, false, Freshness.fresh,
                "after the refresh completed at 05:29:55 GMT, on the edge's clock (10 min behind ours)"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: at(nowSeconds, shift: behind),
                    swiftSaveTime: at(beforeRefresh, shift: behind)),
                0.05, false, .stale, "stored 05:29:40 GMT per X-Swift-SaveTime, before the refresh completed"
            ),
            // 3–5: an edge 10 minutes ahead: a copy stored before the refresh is not fresh.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: at(nowSeconds, shift: ahead),
                    swiftSaveTime: at(beforeRefresh, shift: ahead)),
                0.05, false, .stale, "10 min ahead of ours"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: at(nowSeconds, shift: ahead),
                    swiftSaveTime: at(nowSeconds - 2, shift: ahead)),
                0.05, false, .fresh, "after the refresh completed at 05:49:55 GMT"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: at(nowSeconds, shift: ahead),
                    globalSaveTime: String(beforeRefresh + ahead)),
                0.05, false, .stale, "per Ali-Swift-Global-Savetime, before the refresh completed"
            ),
            // 6–7: Age counts on the edge's own clock whatever it says.
            (
                EdgeAnswer(status: 200, age: 2, xCache: "HIT", date: at(nowSeconds, shift: behind)), 0.05, false,
                .fresh, "per Age (2 s), after the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, age: 30, xCache: "HIT", date: at(nowSeconds, shift: ahead)), 0.05, false,
                .stale, "per Age (30 s), before the refresh completed"
            ),
            // 8–9: this node missed, the upper tier answered from an hour-old copy.
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2, HIT TCP_HIT dirn:12:345",
                    swiftSaveTime: at(nowSeconds - 1), globalSaveTime: String(hourOld)),
                0.05, false, .stale, "an upper tier answered from its cache (HIT TCP_HIT dirn:12:345)"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2, HIT TCP_HIT dirn:12:345",
                    globalSaveTime: String(hourOld)),
                0.05, false, .stale, "per Ali-Swift-Global-Savetime, before the refresh completed"
            ),
            // 10: every tier missed: fetched from the origin now.
            (
                EdgeAnswer(status: 200, xCache: "MISS TCP_MISS dirn:-2:-2, MISS TCP_MISS dirn:-2:-2"), 0.05, false,
                .fresh, "fetched from the origin for this request"
            ),
            // 11–12: Via says which tier hit.
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2", swiftSaveTime: at(nowSeconds - 1),
                    globalSaveTime: String(hourOld),
                    via: "cache13.l2cn1808[0,0,200-0,H], cache2.cn1234[0,0,200-0,M]"),
                0.05, false, .stale, "cache13.l2cn1808[0,0,200-0,H]"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2",
                    via: "cache13.l2cn1808[0,0,200-0,M], cache2.cn1234[0,0,200-0,M]"),
                0.05, false, .fresh, "fetched from the origin for this request"
            ),
            // 13: the upper tier hit a copy it stored after the refresh.
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2, HIT TCP_HIT dirn:12:345",
                    swiftSaveTime: at(nowSeconds - 1), globalSaveTime: String(nowSeconds - 3)),
                0.05, false, .fresh, "per X-Swift-SaveTime, after the refresh completed"
            ),
            // 14: the upper tier revalidated (304) for a refresh that revalidates.
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2, HIT TCP_REFRESH_HIT dirn:12:345",
                    globalSaveTime: String(hourOld)),
                0.05, true, .fresh, "revalidated with the origin"
            ),
            // 15: a probe that took 8 s on an edge 10 minutes behind: a copy stored around the refresh is unknown.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: at(nowSeconds - 4, shift: behind),
                    swiftSaveTime: at(nowSeconds - 4, shift: behind)),
                8.0, false, .unknown, "around when the refresh completed"
            ),
        ] as [(EdgeAnswer, Double, Bool, Freshness, String)])
    func cases(edge: EdgeAnswer, probeSeconds: Double, revalidates: Bool, expected: Freshness, reason: String) {
        let verdict = FreshnessJudge.judge(
            edge: edge, origin: nil,
            timing: FreshnessJudge.Timing(
                completedAt: Self.now - 5, unfinishedAt: Self.now - 12, probeSent: Self.now - probeSeconds,
                probeAnswered: Self.now, revalidates: revalidates))
        #expect(verdict.freshness == expected, "\(verdict.reason)")
        #expect(verdict.reason.contains(reason), "\(verdict.reason)")
    }

    @Test("the edge's clock: Date against the middle of the probe, within half the round trip and half a second")
    func clock() {
        let answered = Self.now
        let behind = EdgeClock(
            edge: EdgeAnswer(status: 200, date: Self.at(Self.nowSeconds - 1, shift: -600)), sent: answered - 2,
            answered: answered)
        #expect(abs(behind.offset - -599.5) < 0.001)
        #expect(behind.uncertainty == 1.5)
        #expect(behind.onEdge(answered) == answered - 599.5)
        // Within the measurement's precision: the clocks agree.
        let same = EdgeClock(
            edge: EdgeAnswer(status: 200, date: Self.at(Self.nowSeconds)), sent: answered, answered: answered)
        #expect(same == EdgeClock(offset: 0, uncertainty: 0))
        #expect(EdgeClock(edge: EdgeAnswer(status: 200), sent: answered, answered: answered).differs == false)
    }

    @Test("every tier of X-Cache and Via is read")
    func tiers() {
        let tiers = CacheTiers(
            xCache: "MISS TCP_MISS dirn:-2:-2, HIT TCP_HIT dirn:12:345",
            via: "cache13.l2cn1808[0,0,304-0,H], cache2.cn1234[1,2,200-0,M]")
        #expect(tiers.codes == [.miss, .hit])
        #expect(tiers.hops.map(\.hit) == [true, false])
        #expect(tiers.hops.map(\.revalidated) == [true, false])
        #expect(tiers.upperTierHit && !tiers.allMissed && tiers.revalidated)
        #expect(CacheTiers(xCache: "MISS TCP_MISS", via: nil).allMissed)
        #expect(!CacheTiers(xCache: "HIT TCP_MEM_HIT", via: nil).upperTierHit)
        #expect(CacheTiers(xCache: nil, via: "a[0,0,200-0,C], b[0,0,200-0,M]").hops.map(\.hit) == [nil, false])
    }
}
