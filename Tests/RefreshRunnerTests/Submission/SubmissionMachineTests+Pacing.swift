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
        simulator.pacer = DomainPacer(policy: .init(window: 60, given: 1000))
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

    @Test("no limit known: refused while ours fill the window, learned after three windows, nothing fails")
    func learning() {
        let api = FakeCDN()
        api.domainLimit = 1000
        var simulator = SubmissionSimulator()
        simulator.options.retry = RetryPolicy(maxAttempts: 2)
        let trace = simulator.run(makeBatches(Array(repeating: 1000, count: 6)), api: api)
        #expect(api.accepted.count == 6000 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.attempts == 1 })
        #expect(trace.machine.pacer.findings["d0.example.com"]?.limit == 1000)
        // Refused in the first three windows only (each refusal waited for our own URLs to leave); then one request
        // a window, as fast as the limit allows.
        #expect(!api.perMinuteRefusals.isEmpty)
        #expect(api.perMinuteRefusals.allSatisfy { $0 < 3 * 62 })
        #expect(trace.machine.refusals["QuotaPerMinuteExceeded.Refresh"] == api.perMinuteRefusals.count)
        #expect(trace.endTime >= 300 && trace.endTime < 330)
    }

    @Test("a neighbour keeps one domain full: the nine idle domains of the same request go at once, not after it")
    func idleDomainsGoAhead() {
        let api = FakeCDN()
        api.domainLimit = 1000
        api.window = 6
        api.neighbourShare = ["d0.example.com": 1]
        var simulator = SubmissionSimulator()
        simulator.start = 1
        simulator.pacer = DomainPacer(policy: .init(window: 6))
        simulator.paceTimeout = 30
        // One request of 50 URLs for each of ten domains.
        let trace = simulator.run(makeBatches([500], domains: 10), api: api)
        let accepted = Set(api.accepted.keys)
        let idle = trace.machine.entries.filter { $0.candidate.domain != "d0.example.com" }
        #expect(idle.count == 450 && idle.allSatisfy { accepted.contains($0.url) })
        let idleRequests = api.refreshes.filter { !$0.1.contains { $0.contains("d0.example.com") } }
        #expect(idleRequests.count == 9 && idleRequests.allSatisfy { $0.0 < 2 })
        // d0 waited the whole --pace-timeout, then was deferred, never failed; no limit under 100 was learned.
        let busy = trace.machine.entries.filter { $0.candidate.domain == "d0.example.com" }
        #expect(busy.count == 50)
        #expect(busy.allSatisfy { $0.outcome.status == .deferred && $0.outcome.errorCode == "PaceTimeout" })
        #expect(trace.endTime >= 31)
        #expect(trace.machine.pacer.findings.values.allSatisfy { !$0.limitChanged })
    }

    @Test("a neighbour takes half of each minute: the run takes the other half, within 10 % of the time it allows")
    func halfMinuteTaken() {
        let api = FakeCDN()
        api.domainLimit = 1000
        api.neighbourShare = ["d0.example.com": 0.5]
        var simulator = SubmissionSimulator()
        simulator.start = 1
        let trace = simulator.run(makeBatches([1000, 1000, 1000]), api: api)
        #expect(api.accepted.count == 3000 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
        // 500 a window: the sixth half goes five windows after the first.
        #expect(trace.endTime <= 1 + 300 * 1.1, "took \(trace.endTime) s")
    }

    @Test("a busy minute before a small run teaches no limit under what the API then accepts")
    func busyMinute() {
        let api = FakeCDN()
        api.domainLimit = 1000
        api.occupy("d0.example.com", urls: 990, at: 0)
        var simulator = SubmissionSimulator()
        simulator.start = 1
        let trace = simulator.run(makeBatches(Array(repeating: 5, count: 404)), api: api)
        #expect(api.accepted.count == 2020)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
        let finding = trace.machine.pacer.findings["d0.example.com"]
        #expect(finding?.proven == 1000)
        #expect((finding?.limit ?? .max) >= 1000)
        // The next night, uncontested, with what this one learned: nothing refused, nothing deferred.
        let next = FakeCDN()
        next.domainLimit = 1000
        var night = SubmissionSimulator()
        night.pacer = DomainPacer(
            remembered: ["d0.example.com": .init(limit: finding?.limit, proven: finding?.proven ?? 0)])
        let second = night.run(makeBatches(Array(repeating: 5, count: 404), prefix: "n"), api: next)
        #expect(next.accepted.count == 2020)
        #expect(second.machine.entries.allSatisfy { $0.outcome.status == .submitted })
        #expect(second.endTime < 3 * 62)  // three windows: 1,000, 1,000, 20
    }

    @Test("a refused request of several domains is sent again at once, one request per domain")
    func splitByDomain() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.fail(FakeCDN.api("QuotaPerMinuteExceeded.Refresh"))]
        let simulator = SubmissionSimulator()
        let trace = simulator.run(makeBatches([30], domains: 3), api: api)
        #expect(api.refreshes.map(\.1.count) == [30, 10, 10, 10])
        #expect(api.refreshes.dropFirst().allSatisfy { $0.0 < 1 })
        #expect(trace.machine.pacer.findings.values.allSatisfy { $0.limit == nil })
        #expect(api.accepted.count == 30)
    }

    @Test("a request waiting for one domain's window is re-packed: the other domains go now")
    func repacking() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(policy: .init(window: 60, given: 20))
        // Two requests: 20 URLs of d0 (fills its window), then 10 each of d0 and d1.
        var batches = makeBatches([20])
        batches += makeBatches([20], domains: 2, prefix: "g").map { batch in
            var batch = batch
            batch.number = 2
            return batch
        }
        let trace = simulator.run(batches, api: api)
        let d1 = api.refreshes.first { $0.1.allSatisfy { $0.contains("d1.example.com") } }
        #expect(d1 != nil && d1!.0 < 1)
        #expect(api.accepted.count == 40)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
    }

    @Test("a request larger than the known limit is split before it is sent; each part its own request")
    func splitting() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(policy: .init(window: 60, given: 300))
        let trace = simulator.run(makeBatches([1000]), api: api)
        #expect(api.refreshes.map(\.1.count) == [300, 300, 300, 100])
        let sendings = trace.events.compactMap { event -> Int? in
            if case .sending(_, _, let urls, _, _) = event { urls.count } else { nil }
        }
        #expect(sendings == [300, 300, 300, 100])
        #expect(trace.machine.totalRequests == 4)
    }

    @Test("--pace-timeout: what still waits when it runs out is deferred (PaceTimeout), never failed, never sooner")
    func timeout() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.pacer = DomainPacer(policy: .init(window: 60, given: 1000))
        simulator.paceTimeout = 100
        let trace = simulator.run(makeBatches([1000, 1000, 1000]), api: api)
        #expect(api.accepted.count == 2000)
        let deferred = trace.machine.entries.filter { $0.outcome.status == .deferred }
        #expect(deferred.count == 1000)
        #expect(deferred.allSatisfy { $0.outcome.errorCode == "PaceTimeout" && $0.outcome.carriesOver })
        #expect(!trace.machine.entries.contains { $0.outcome.status == .failed })
        #expect(trace.endTime >= 100)
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
