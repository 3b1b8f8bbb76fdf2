import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import Logging
import Synchronization
import Testing

@testable import RefreshRunner

@Suite("Submission engine: nothing leaves unrecorded")
struct SubmissionEngineTests {
    @Test("once a journal write fails nothing more is sent; what was sent is settled, the rest deferred")
    func journalFailureStopsSending() async {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let batches = makeBatches(Array(repeating: 2, count: 10))
        let sendings = Mutex(0)
        let engine = SubmissionEngine(
            batches: batches,
            options: SubmissionOptions(callsPerSecond: 50, concurrency: 1, retry: RetryPolicy(maxAttempts: 3)),
            api: EmulatorBackedAPI(service: service), limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 50)),
            runKey: "test",
            record: { event in
                guard case .sending = event else { return true }
                // The third request's `sending` record fails: the disk is full.
                return sendings.withLock { count in
                    count += 1
                    return count < 3
                }
            }, logger: Logger(label: "test"))
        let result = await engine.run()
        let sent = Set(batches.prefix(2).flatMap(\.urls))
        #expect(Set(service.acceptedCounts().keys) == sent)
        #expect(result.halted != nil)
        #expect(result.attempts == 2)
        for entry in result.entries where !sent.contains(entry.candidate.url) {
            #expect(entry.outcome.status == .deferred && entry.outcome.carriesOver && entry.outcome.attempts == 0)
            #expect(entry.outcome.errorCode == "JournalUnwritable")
        }
        #expect(result.entries.filter { $0.outcome.status == .submitted }.count == 4)
    }
}
