import CDNRefresh
import Testing

@testable import RefreshRunner

@Suite("Per-domain windows")
struct DomainPacerTests {
    @Test("a request fits when every domain has room; else when the oldest URLs leave the window")
    func release() {
        var pacer = DomainPacer(window: 60, given: 1000)
        #expect(pacer.release(for: ["a": 1000], now: 0) == 0)
        pacer.record(["a": 600], request: 1, at: 0)
        pacer.record(["a": 400], request: 2, at: 10)
        // A window later, and a guard of 2 % of it (the API counts a request when it arrives).
        #expect(pacer.release(for: ["a": 500], now: 20) == 60 + pacer.guardSeconds)
        #expect(pacer.release(for: ["a": 700], now: 20) == 70 + pacer.guardSeconds)
        #expect(pacer.guardSeconds == 1.2)
        #expect(pacer.release(for: ["b": 1000], now: 20) == 20)  // another domain goes ahead
        #expect(pacer.release(for: ["a": 1001], now: 20) == nil)  // too big: split it first
        pacer.forget(request: 2)
        #expect(pacer.release(for: ["a": 400], now: 20) == 20)
    }

    @Test("learning: the URLs sent before the refused request in the window, else half the request; only lowered")
    func learning() {
        var pacer = DomainPacer(window: 60)
        #expect(!pacer.isPacing)
        pacer.record(["a": 1000], request: 1, at: 0)
        pacer.record(["a": 1000], request: 2, at: 0)
        pacer.record(["a": 1000], request: 3, at: 0)
        #expect(pacer.learn(from: ["a": 1000], request: 2, now: 1) == ["a": 1000])
        #expect(pacer.learn(from: ["a": 1000], request: 3, now: 1).isEmpty)  // the same: not a change
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 1000, source: .learnedToday))
        #expect(pacer.learn(from: ["b": 800], request: 9, now: 1) == ["b": 400])
        #expect(pacer.learnedToday == ["a": 1000, "b": 400])
        // A limit an earlier run learned applies from the start, under the given one.
        let kept = DomainPacer(window: 60, given: 2000, learned: ["a": 500, "c": 3000])
        #expect(kept.limit(of: "a") == DomainPacer.Limit(urls: 500, source: .learned))
        #expect(kept.limit(of: "c") == DomainPacer.Limit(urls: 2000, source: .given))
        #expect(kept.learnedToday.isEmpty)
    }
}
