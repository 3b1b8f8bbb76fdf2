import AlibabaCDN
import CDNRefresh
import Foundation
import Testing

@testable import RefreshRunner

/// Pacing on virtual time: requests wait for their domain's window, other domains go ahead, refusals for pacing
/// never fail a URL.
@Suite("Submission: per-domain pacing (simulated time)")
struct PacingTests {
    func writes(_ trace: SubmissionSimulator.Trace) -> [Double] {
        trace.starts.filter { $0.action == .refreshObjectCaches }.map(\.time)
    }

    @Test("a known limit: one domain's requests a window apart, the other domain's at once")
    func interleaving() {
        let api = FakeCDN()
        api.domainLimit = 1000
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(window: 60, given: 1000)
        // Three requests of 1,000 for d0, then three of 100 for d1 (one domain each).
        let slow = makeBatches([1000, 1000, 1000])
        var fast = makeBatches([100, 100, 100], prefix: "g").map { batch in
            var batch = batch
            batch.entries = batch.entries.map { entry in
                var entry = entry
                entry.url = entry.url.replacingOccurrences(of: "d0.example.com", with: "d1.example.com")
                return entry
            }
            batch.number += 3
            return batch
        }
        fast = fast.sorted { $0.number < $1.number }
        let trace = simulator.run(slow + fast, api: api)
        #expect(api.perMinuteRefusals.isEmpty)
        #expect(api.accepted.count == 3300)
        let times = writes(trace)
        #expect(times.filter { $0 < 1 }.count == 4)  // d0's first and d1's three
        #expect(times.sorted().suffix(2).map { ($0 / 60).rounded(.down) } == [1, 2])
        #expect(trace.machine.pacer.limit(of: "d0.example.com")?.urls == 1000)
    }

    @Test("no limit known: the first burst is refused, the limit is learned, nothing fails, attempts are not spent")
    func learning() {
        let api = FakeCDN()
        api.domainLimit = 1000
        var simulator = SubmissionSimulator()
        simulator.options.retry = RetryPolicy(maxAttempts: 2)
        let trace = simulator.run(makeBatches(Array(repeating: 1000, count: 6)), api: api)
        #expect(api.accepted.count == 6000 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.attempts == 1 })
        #expect(trace.machine.pacer.learnedToday == ["d0.example.com": 1000])
        // Refused only in the first burst; then one request a window.
        #expect(!api.perMinuteRefusals.isEmpty)
        #expect(api.perMinuteRefusals.allSatisfy { $0 < 1 })
        #expect(trace.machine.refusals["QuotaPerMinuteExceeded.Refresh"] == api.perMinuteRefusals.count)
        #expect(trace.endTime >= 300 && trace.endTime < 330)
    }

    @Test("a request larger than the known limit is split before it is sent; each part its own request")
    func splitting() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(window: 60, given: 300)
        let trace = simulator.run(makeBatches([1000]), api: api)
        #expect(api.refreshes.map(\.1.count) == [300, 300, 300, 100])
        let sendings = trace.events.compactMap { event -> Int? in
            if case .sending(_, _, let urls, _, _) = event { urls.count } else { nil }
        }
        #expect(sendings == [300, 300, 300, 100])
        #expect(trace.machine.totalRequests == 4)
    }

    @Test("--pace-timeout: what would wait beyond it is deferred (PaceTimeout), never failed")
    func timeout() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(window: 60, given: 1000)
        simulator.paceTimeout = 100
        let trace = simulator.run(makeBatches([1000, 1000, 1000]), api: api)
        #expect(api.accepted.count == 2000)
        let deferred = trace.machine.entries.filter { $0.outcome.status == .deferred }
        #expect(deferred.count == 1000)
        #expect(deferred.allSatisfy { $0.outcome.errorCode == "PaceTimeout" && $0.outcome.carriesOver })
        #expect(!trace.machine.entries.contains { $0.outcome.status == .failed })
    }

    @Test(
        "a full queue and throttling wait with backoff and never spend an attempt",
        arguments: ["TooMany.Refresh", "Throttling.User"])
    func fullQueue(code: String) {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = Array(repeating: .fail(FakeCDN.api(code)), count: 8)
        var simulator = SubmissionSimulator()
        simulator.options.retry = RetryPolicy(maxAttempts: 2)
        let trace = simulator.run(makeBatches([5]), api: api)
        #expect(api.accepted.count == 5)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.attempts == 1 })
        #expect(trace.machine.refusals[code] == 8)
        // Backoff grows and is capped at a minute.
        let gaps = zip(writes(trace).dropFirst(), writes(trace)).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 <= 60.5 } && gaps.last! > gaps.first!)
    }
}
