import AlibabaCDN
import CDNRefresh
import Foundation

@testable import RefreshRunner

/// Runs a ``SubmissionMachine`` against a ``FakeCDN`` on virtual time: a discrete-event simulation.
struct SubmissionSimulator {
    var latency = 0.1
    var options = SubmissionOptions(callsPerSecond: 50, concurrency: 8, retry: RetryPolicy(maxAttempts: 5))
    var jitter: Double = 0.5
    var pacer = DomainPacer()
    /// When the simulation starts (the clock's first reading).
    var start = 0.0
    var paceTimeout: Double = 1800

    struct Trace {
        var machine: SubmissionMachine
        var starts: [(time: Double, action: APIAction)] = []
        var maxInFlight = 0
        var events: [SubmissionEvent] = []
        var endTime = 0.0

        func entry(_ url: String) -> SubmissionMachine.Entry? {
            machine.entries.first { $0.url == url }
        }
    }

    func run(_ batches: [Batch], api: FakeCDN) -> Trace {
        let jitterValue = jitter
        var trace = Trace(
            machine: SubmissionMachine(
                batches: batches,
                configuration: SubmissionMachine.Configuration(
                    concurrency: options.concurrency, retry: options.retry, wait: options.wait,
                    waitTimeout: options.waitTimeoutSeconds, pollInterval: options.pollIntervalSeconds, keyPrefix: "t",
                    pacer: pacer, paceTimeout: paceTimeout),
                jitter: { jitterValue }))
        var limiter = RateLimiter(callsPerSecond: options.callsPerSecond)
        var now = start
        var pending: [(time: Double, id: Int, result: WorkResult)] = []
        var steps = 0
        while steps < 1_000_000 {
            steps += 1
            let step = trace.machine.next(now: now, wallNow: api.startTime.addingTimeInterval(now)) { action, time in
                limiter.tryAcquire(action: action, now: time)
            }
            trace.events += trace.machine.drainEvents()
            switch step {
            case .start(let id):
                let item = trace.machine.item(id)!
                trace.starts.append((now, item.action))
                pending.append((now + latency, id, api.answer(item, at: now)))
                trace.maxInFlight = max(trace.maxInFlight, pending.count)
                continue
            case .sleep(let until):
                let next = pending.map(\.time).min() ?? until
                now = max(now, min(until, next))
            case .awaitCompletions:
                now = max(now, pending.map(\.time).min()!)
            case .finished:
                trace.endTime = now
                return trace
            }
            let due = pending.filter { $0.time <= now }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
            pending.removeAll { $0.time <= now }
            for completion in due {
                trace.machine.complete(completion.id, with: completion.result, now: now)
                trace.events += trace.machine.drainEvents()
            }
        }
        fatalError("the simulation did not finish")
    }
}

/// Batches of `count` URLs each, over `domains` domains.
func makeBatches(_ sizes: [Int], type: EntryType = .file, domains: Int = 1, prefix: String = "f") -> [Batch] {
    var number = 0
    var ordinal = 0
    return sizes.map { size in
        number += 1
        let entries = (0..<size).map { index -> Candidate in
            ordinal += 1
            let suffix = type == .directory ? "/" : ".png"
            return Candidate(
                url: "https://d\(index % domains).example.com/\(prefix)\(number)-\(index)\(suffix)", type: type,
                source: .line(input: 0, line: ordinal), appearance: Appearance(group: 1, ordinal: ordinal))
        }
        return Batch(number: number, type: type, entries: entries)
    }
}
