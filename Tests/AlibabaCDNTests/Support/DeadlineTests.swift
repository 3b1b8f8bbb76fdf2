import Synchronization
import Testing

@testable import AlibabaCDN

@Suite("A deadline on a whole exchange")
struct DeadlineTests {
    @Test("work that ends first cancels its timer at once: no task sleeps on for the rest of the timeout")
    func timersEnd() async throws {
        let ended = Atomic<Int>(0)
        for value in 0..<50 {
            let result = try await Deadline.run(seconds: 3600, timerEnded: { ended.add(1, ordering: .relaxed) }) {
                value
            }
            #expect(result == value)
        }
        // Event: all 50 timers have ended (cancelled), long before an hour.
        var waited = 0
        while ended.load(ordering: .relaxed) < 50 && waited < 1000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(ended.load(ordering: .relaxed) == 50)
    }

    @Test("work that does not end in time is cancelled; the caller hears DeadlineExceeded")
    func exceeded() async {
        await #expect(throws: DeadlineExceeded.self) {
            try await Deadline.run(seconds: 0.05) {
                try await Task.sleep(for: .seconds(3600))
                return 1
            }
        }
    }
}
