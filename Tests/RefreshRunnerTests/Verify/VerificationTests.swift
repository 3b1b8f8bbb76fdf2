import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

@Suite("Verification: fresh, stale or unknown")
struct VerificationTests {
    @Test(
        "the judge, against the origin's validators or against the time the refresh completed",
        arguments: [
            // (edge, origin, since complete, since unfinished) → verdict
            (
                EdgeAnswer(status: 200, etag: "\"v2\"", length: 5), EdgeAnswer(status: 200, etag: "\"v2\"", length: 5),
                nil, nil, Freshness.fresh
            ),
            (EdgeAnswer(status: 200, etag: "\"v1\""), EdgeAnswer(status: 200, etag: "\"v2\""), nil, nil, .stale),
            (EdgeAnswer(status: 200, length: 5), EdgeAnswer(status: 200, length: 6), nil, nil, .stale),
            (EdgeAnswer(status: 200), EdgeAnswer(status: 200, etag: "\"v2\""), nil, nil, .unknown),
            (EdgeAnswer(status: 404, etag: "\"v2\""), EdgeAnswer(status: 200, etag: "\"v2\""), nil, nil, .unknown),
            (EdgeAnswer(status: 200, age: 2, xCache: "HIT"), nil, 5.0, 12.0, .fresh),
            (EdgeAnswer(status: 200, age: 30, xCache: "HIT TCP_MEM_HIT"), nil, 5.0, 12.0, .stale),
            (EdgeAnswer(status: 200, age: 8, xCache: "HIT"), nil, 5.0, 12.0, .unknown),
            (EdgeAnswer(status: 206, age: 0, xCache: "MISS TCP_MISS"), nil, nil, nil, .fresh),
            (EdgeAnswer(status: 200), nil, 5.0, 12.0, .unknown),
        ] as [(EdgeAnswer, EdgeAnswer?, Double?, Double?, Freshness)])
    func judge(
        edge: EdgeAnswer, origin: EdgeAnswer?, sinceComplete: Double?, sinceUnfinished: Double?, expected: Freshness
    ) {
        let verdict = FreshnessJudge.judge(
            edge: edge, origin: origin, sinceComplete: sinceComplete, sinceUnfinished: sinceUnfinished)
        #expect(verdict.freshness == expected, "\(verdict.reason)")
        #expect(!verdict.reason.isEmpty)
    }

    /// 2025-05-15 05:40:00 GMT: the refresh was seen complete at 05:39:55 and last unfinished at 05:39:48.
    static let now = Date(timeIntervalSince1970: 1_747_287_600)

    @Test(
        "Alibaba's headers, as real edges send them, date the copy; the reason names the header that decided",
        arguments: [
            // A copy stored after the refresh completed; before it; in between.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT dirn:12:57850580",
                    swiftSaveTime: "Thu, 15 May 2025 05:39:58 GMT"),
                false, Freshness.fresh,
                "stored 05:39:58 GMT per X-Swift-SaveTime, after the refresh completed at 05:39:55 GMT"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT dirn:12:57850580",
                    swiftSaveTime: "Thu, 15 May 2025 05:30:38 GMT",
                    globalSaveTime: "1747287038", swiftCacheTime: "3600",
                    via: "cache13.l2cn1808[0,0,200-0,H], cache2.cn1234[0,0,200-0,H]"),
                false, .stale, "stored 05:30:38 GMT per X-Swift-SaveTime, before the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_MEM_HIT", swiftSaveTime: "Thu, 15 May 2025 05:39:50 GMT"),
                false, .unknown, "per X-Swift-SaveTime, around when the refresh completed"
            ),
            // A date names a whole second: stored in 05:39:47 is before 05:39:48; in 05:39:48, perhaps not.
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_MEM_HIT", swiftSaveTime: "Thu, 15 May 2025 05:39:47 GMT"),
                false, .stale, "per X-Swift-SaveTime, before the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_MEM_HIT", swiftSaveTime: "Thu, 15 May 2025 05:39:48 GMT"),
                false, .unknown, "around when the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "MISS TCP_MISS", swiftSaveTime: "Thu, 15 May 2025 05:39:48 GMT"),
                false, .fresh, "fetched from the origin for this request"
            ),
            // A 304 revalidation: this node's save time moves, the CDN's first save time does not.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_REFRESH_HIT dirn:12:57850580",
                    swiftSaveTime: "Thu, 15 May 2025 05:39:59 GMT",
                    globalSaveTime: "1747287038", via: "cache13.l2cn1808[0,0,304-0,H], cache2.cn1234[0,0,200-0,H]"),
                true, .fresh, "per X-Swift-SaveTime, after the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_REFRESH_HIT dirn:12:57850580", globalSaveTime: "1747287038"),
                true, .fresh, "revalidated with the origin (X-Cache: TCP_REFRESH_HIT)"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_REFRESH_HIT dirn:12:57850580", globalSaveTime: "1747287038"),
                false, .stale, "per Ali-Swift-Global-Savetime, before the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_MEM_HIT", globalSaveTime: "1747287599"),
                false, .fresh, "stored 05:39:59 GMT per Ali-Swift-Global-Savetime, after the refresh completed"
            ),
            // Fetched for this request.
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2 mlen:524288",
                    swiftSaveTime: "Thu, 15 May 2025 05:40:00 GMT",
                    globalSaveTime: "1747287600", swiftCacheTime: "3600"),
                false, .fresh, "per X-Swift-SaveTime, after the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "MISS TCP_REFRESH_MISS dirn:-2:-2"), false, .fresh,
                "fetched from the origin for this request (X-Cache: TCP_REFRESH_MISS)"
            ),
            (
                EdgeAnswer(
                    status: 200, xCache: "MISS TCP_MISS dirn:-2:-2", swiftSaveTime: "Thu, 15 May 2025 05:39:52 GMT"),
                false, .fresh, "fetched from the origin for this request (X-Cache: TCP_MISS)"
            ),
            // An edge whose clock is an hour behind ours: its own Date sets the frame.
            (
                EdgeAnswer(
                    status: 200, xCache: "HIT TCP_MEM_HIT", date: "Thu, 15 May 2025 04:40:00 GMT",
                    swiftSaveTime: "Thu, 15 May 2025 04:39:58 GMT"),
                false, .fresh, "stored 04:39:58 GMT per X-Swift-SaveTime, after the refresh completed at 04:39:55 GMT"
            ),
            // Age against Date, and nothing to date by.
            (
                EdgeAnswer(status: 200, age: 2, xCache: "HIT", date: "Thu, 15 May 2025 05:40:00 GMT"), false, .fresh,
                "per Age (2 s), after the refresh completed"
            ),
            (
                EdgeAnswer(status: 200, xCache: "HIT TCP_MEM_HIT dirn:12:57850580"), false, .unknown,
                "no X-Swift-SaveTime, Ali-Swift-Global-Savetime or Age to date the copy (X-Cache: HIT)"
            ),
            (
                EdgeAnswer(status: 304, xCache: "HIT TCP_IMS_HIT", swiftSaveTime: "Thu, 15 May 2025 05:39:57 GMT"),
                false,
                .fresh, "per X-Swift-SaveTime"
            ),
        ] as [(EdgeAnswer, Bool, Freshness, String)])
    func alibabaHeaders(edge: EdgeAnswer, revalidates: Bool, expected: Freshness, reason: String) {
        let verdict = FreshnessJudge.judge(
            edge: edge, origin: nil, sinceComplete: 5, sinceUnfinished: 12, now: Self.now, revalidates: revalidates)
        #expect(verdict.freshness == expected, "\(verdict.reason)")
        #expect(verdict.reason.contains(reason), "\(verdict.reason)")
    }

    func entry(_ url: String, type: EntryType = .file, hits: Int, status: EntryOutcome.Status = .complete)
        -> SubmittedEntry
    {
        var outcome = EntryOutcome()
        outcome.status = status
        outcome.completedBy = 10
        outcome.unfinishedAt = 8
        return SubmittedEntry(
            candidate: Candidate(
                url: url, type: type, source: .recorded("t"), hits: hits, appearance: Appearance(group: 1, ordinal: 0)),
            batch: 1, outcome: outcome)
    }

    @Test("the sample: completed files and the files a completed directory covered, hottest first, at most N")
    func sample() {
        var covered = Candidate(
            url: "https://a.com/d/x.png", type: .file, source: .recorded("t"), hits: 50,
            appearance: Appearance(group: 1, ordinal: 3))
        covered.coveredBy = "https://a.com/d/"
        let entries = [
            entry("https://a.com/cold.png", hits: 1), entry("https://a.com/hot.png", hits: 9),
            entry("https://a.com/failed.png", hits: 99, status: .failed),
            entry("https://a.com/d/", type: .directory, hits: 50),
        ]
        let targets = RefreshedURL.hottest(entries: entries, covered: [covered], limit: 2)
        #expect(targets.map(\.url) == ["https://a.com/d/x.png", "https://a.com/hot.png"])
        #expect(targets[0].completedBy == 10 && targets[0].unfinishedAt == 8)
        #expect(RefreshedURL.hottest(entries: entries, covered: [covered], limit: .max).count == 3)
    }

    @Test("probes run at most --concurrency at once; an edge that does not answer is unknown")
    func boundedConcurrency() async {
        let urls = (0..<20).map { "https://a.com/\($0).png" }
        var answers = Dictionary(uniqueKeysWithValues: urls.map { ($0, EdgeAnswer(status: 200, xCache: "MISS")) })
        answers[urls[3]] = nil
        let probe = TableProbe(answers)
        struct Clock: RunnerClock {
            var now: Double { 20 }
            var wallNow: Date { Date() }
            func sleep(until deadline: Double) async {}
        }
        let verification = Verification(
            options: VerifyOptions(sample: .all, concurrency: 3), probe: probe, clock: Clock())
        let verdicts = await verification.run(urls.map { RefreshedURL(url: $0, hits: 0) })
        #expect(verdicts.count == 20)
        #expect(verdicts[urls[3]] == Verdict(.unknown, "the edge did not answer: connection refused"))
        #expect(verdicts.values.count { $0.freshness == .fresh } == 19)
        #expect(probe.inFlight.withLock { $0.most } == 3)
    }
}
