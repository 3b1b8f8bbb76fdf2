import CDNRefresh
import Testing

@testable import RefreshRunner

@Suite("Per-domain windows, limits and room")
struct DomainPacerTests {
    @Test("a request fits when every domain has room; else when the oldest URLs leave the window")
    func release() {
        var pacer = DomainPacer(policy: .init(window: 60, given: 1000))
        #expect(pacer.release(for: ["a": 1000], now: 0) == 0)
        pacer.record(["a": 600], request: 1, at: 0)
        pacer.accepted(request: 1, at: 0)
        pacer.record(["a": 400], request: 2, at: 10)
        pacer.accepted(request: 2, at: 10)
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
        var pacer = DomainPacer(policy: .init(window: 60, given: 1000))
        pacer.record(["a": 1000], request: 1, at: 0)
        // In flight: it counts from now, whatever the time it left.
        #expect(pacer.release(for: ["a": 1], now: 2) == 62 + pacer.guardSeconds)
        pacer.accepted(request: 1, at: 3)
        #expect(pacer.release(for: ["a": 1], now: 4) == 63 + pacer.guardSeconds)
        #expect(pacer.release(for: ["a": 1], now: 70) == 70)
    }

    @Test("one refusal is contention, not a limit: the request waits for ours to leave the window, nothing is learned")
    func contention() {
        var pacer = DomainPacer(policy: .init(window: 60))
        pacer.record(["a": 10], request: 1, at: 0)
        pacer.accepted(request: 1, at: 0.1)
        pacer.record(["a": 10], request: 2, at: 0.2)
        // Another client filled the minute: refused with 10 of ours in the window.
        #expect(
            pacer.refused(["a": 10], request: 2, now: 0.3)
                == .contention(domain: "a", room: 0.1 + 60 + pacer.guardSeconds))
        #expect(pacer.limit(of: "a") == nil)
        #expect(pacer.findings["a"]?.limit == nil)
        // Nothing of ours there: back off (no room time to wait for).
        #expect(pacer.refused(["b": 50], request: 9, now: 1) == .contention(domain: "b", room: nil))
    }

    @Test("refusals at one level in three separate windows lower the limit; never below what one window accepted")
    func lowering() {
        var pacer = DomainPacer(policy: .init(window: 60))
        var request = 0
        func send(_ urls: Int, at time: Double, accepted: Bool) -> DomainPacer.RefusalVerdict? {
            request += 1
            pacer.record(["a": urls], request: request, at: time)
            guard accepted else { return pacer.refused(["a": urls], request: request, now: time + 0.1) }
            pacer.accepted(request: request, at: time + 0.1)
            return nil
        }
        // Each window takes 1,000 of ours; a second 1,000 is refused, in the first two windows: contention so far.
        for window in 0..<2 {
            let start = Double(window) * 61.5
            #expect(send(1000, at: start, accepted: true) == nil)
            #expect(send(1000, at: start + 1, accepted: false) != .lowered(domain: "a", urls: 1000))
        }
        #expect(pacer.limit(of: "a") == nil)
        #expect(send(1000, at: 123, accepted: true) == nil)
        #expect(send(1000, at: 124, accepted: false) == .lowered(domain: "a", urls: 1000))
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 1000, source: .learnedToday))
        let finding = pacer.findings["a"]
        #expect(finding?.limit == 1000 && finding?.proven == 1000 && finding?.limitChanged == true)
        #expect(finding?.reason == "refused at 2000 URLs a minute in 3 separate windows")
        // Each refusal left a note for the debug log: its level, how much of it was ours, and the verdict.
        let notes = pacer.drainNotes()
        #expect(notes.map(\.verdict) == ["contention", "contention", "lowered to 1000"])
        #expect(notes.allSatisfy { $0.domain == "a" && $0.level == 2000 && $0.held == 1000 })
        #expect(pacer.drainNotes().isEmpty)
    }

    @Test("an acceptance at a level explains every refusal at or below it; the floor holds a limit up")
    func explainedRefusals() {
        var pacer = DomainPacer(policy: .init(window: 10))
        // Refused at 50 with nothing of ours there, in two windows; then 500 accepted in one: not a limit of 50.
        pacer.record(["a": 50], request: 1, at: 0)
        _ = pacer.refused(["a": 50], request: 1, now: 0.1)
        pacer.record(["a": 50], request: 2, at: 11)
        _ = pacer.refused(["a": 50], request: 2, now: 11.1)
        pacer.record(["a": 500], request: 3, at: 22)
        pacer.accepted(request: 3, at: 22.1)
        pacer.record(["a": 50], request: 4, at: 33)
        #expect(pacer.refused(["a": 50], request: 4, now: 33.1) == .contention(domain: "a", room: nil))
        #expect(pacer.limit(of: "a") == nil)
        // Refused in three separate windows with nothing accepted since: lowered, but not below the 500 proven.
        for (request, time) in [(5, 44.0), (6, 55.0), (7, 66.0)] {
            pacer.record(["a": 600], request: request, at: time)
            _ = pacer.refused(["a": 600], request: request, now: time + 0.1)
        }
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 500, source: .learnedToday))
    }

    @Test("a refused request of several domains teaches none of them")
    func severalDomains() {
        var pacer = DomainPacer(policy: .init(window: 60, confirmations: 1))
        pacer.record(["a": 50, "b": 50], request: 1, at: 0)
        #expect(pacer.refused(["a": 50, "b": 50], request: 1, now: 0.1) == .split)
        #expect(pacer.findings.isEmpty && !pacer.isPacing)
        #expect(pacer.release(for: ["a": 50], now: 0.2) == 0.2)
    }

    @Test("the floor: a learned limit is never under 100 (or the floor given), nor under what was proven")
    func floor() {
        let pacer = DomainPacer(
            remembered: [
                "a": .init(limit: 10, proven: 0), "b": .init(limit: 150, proven: 400),
                "c": .init(limit: nil, proven: 900),
            ])
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 100, source: .learned))
        #expect(pacer.limit(of: "b") == DomainPacer.Limit(urls: 400, source: .learned))
        #expect(pacer.limit(of: "c") == nil)
        let lower = DomainPacer(policy: .init(floor: 5), remembered: ["a": .init(limit: 10, proven: 0)])
        #expect(lower.limit(of: "a")?.urls == 10)
    }

    @Test("a learned limit recovers: it rises after each window used without a refusal, and is forgotten at the top")
    func recovery() {
        var pacer = DomainPacer(
            policy: .init(window: 10, documented: 400, step: 100), remembered: ["a": .init(limit: 200, proven: 0)])
        var request = 0
        var time = 0.0
        // Each window sends the limit's worth; the next window may send more.
        for expected in [300, 400] {
            let urls = pacer.limit(of: "a")!.urls
            request += 1
            pacer.record(["a": urls], request: request, at: time)
            pacer.accepted(request: request, at: time + 0.1)
            time += 10.5
            request += 1
            pacer.record(["a": 1], request: request, at: time)
            pacer.accepted(request: request, at: time + 0.1)
            #expect(pacer.findings["a"]?.reason.contains("raised from") == (expected < 400))
            if expected < 400 { #expect(pacer.limit(of: "a")?.urls == expected) }
        }
        #expect(pacer.limit(of: "a") == nil)
        #expect(pacer.findings["a"]?.limitChanged == true && pacer.findings["a"]?.limit == nil)
    }

    @Test("a given limit wins over anything learned, and no refusal changes it")
    func given() {
        var pacer = DomainPacer(
            policy: .init(window: 60, given: 10_000, confirmations: 1), remembered: ["a": .init(limit: 10, proven: 0)])
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 10_000, source: .given))
        pacer.record(["a": 5000], request: 1, at: 0)
        _ = pacer.refused(["a": 5000], request: 1, now: 0.1)
        #expect(pacer.limit(of: "a") == DomainPacer.Limit(urls: 10_000, source: .given))
        #expect(pacer.findings.values.allSatisfy { !$0.limitChanged })
    }

    @Test("separate windows: each counted one begins at least three quarters of a window after the last")
    func separateWindows() {
        #expect(DomainPacer.separateWindows([0, 10, 59, 60, 100, 121], window: 60) == 3)
        #expect(DomainPacer.separateWindows([0, 44, 80, 124], window: 60) == 2)
        #expect(DomainPacer.separateWindows([0, 45, 90], window: 60) == 3)
        #expect(DomainPacer.separateWindows([], window: 60) == 0)
    }
}
