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
        pacer.answered(request: 1, at: 0)
        pacer.record(["a": 400], request: 2, at: 10)
        pacer.answered(request: 2, at: 10)
        // A window after the answers, and a guard of 2 % of it.
        #expect(pacer.release(for: ["a": 500], now: 20) == 60 + pacer.guardSeconds)
        #expect(pacer.release(for: ["a": 700], now: 20) == 70 + pacer.guardSeconds)
        #expect(pacer.guardSeconds == 1.2)
        #expect(pacer.release(for: ["b": 1000], now: 20) == 20)  // another domain goes ahead
        #expect(pacer.release(for: ["a": 1001], now: 20) == nil)  // too big: split it first
        pacer.forget(request: 2)
        #expect(pacer.release(for: ["a": 400], now: 20) == 20)
    }

    @Test("a window is reckoned from the answer: a request sent at 0 may arrive at 3, and counts until 63")
    func answerTime() {
        var pacer = DomainPacer(window: 60, given: 1000)
        pacer.record(["a": 1000], request: 1, at: 0)
        // In flight: it counts from now, whatever the time it left.
        #expect(pacer.release(for: ["a": 1], now: 2) == 62 + pacer.guardSeconds)
        pacer.answered(request: 1, at: 3)
        #expect(pacer.release(for: ["a": 1], now: 4) == 63 + pacer.guardSeconds)
        #expect(pacer.release(for: ["a": 1], now: 70) == 70)
    }

    @Test("a refusal after a late arrival learns what was accepted, not half the request")
    func learningUnderLoad() {
        var pacer = DomainPacer(window: 2, given: 200)
        // Sent at 0, answered at 0.9 (the API counted it as late as that); the next sent at 2.3 was refused.
        pacer.record(["a": 100], request: 1, at: 0)
        pacer.answered(request: 1, at: 0.9)
        pacer.record(["a": 100], request: 2, at: 2.3)
        #expect(pacer.learn(from: ["a": 100], request: 2, now: 2.4) == ["a": 100])
        // Nothing of ours within a window of the refused request: half of it.
        var idle = DomainPacer(window: 2, given: 200)
        idle.record(["a": 100], request: 1, at: 0)
        idle.answered(request: 1, at: 0.1)
        idle.record(["a": 100], request: 2, at: 3)
        #expect(idle.learn(from: ["a": 100], request: 2, now: 3.1) == ["a": 50])
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
