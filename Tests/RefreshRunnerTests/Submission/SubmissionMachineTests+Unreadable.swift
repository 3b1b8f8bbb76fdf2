import AlibabaCDN
import CDNRefresh
import Testing

@testable import RefreshRunner

/// A 200 answer that cannot be read, or that names no task, confirms nothing: like a lost answer, it is looked up.
@Suite("Submission: answers that confirm nothing (simulated time)")
struct UnreadableAnswerTests {
    @Test(
        "a 200 that is not the API's JSON, or names no task, after the API accepted: looked up, found, sent once",
        arguments: [FakeCDN.Script.acceptThenUnreadable, .acceptWithoutTaskID])
    func acceptedButUnconfirmed(script: FakeCDN.Script) {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [script]
        let trace = SubmissionSimulator().run(makeBatches([3]), api: api)
        #expect(api.accepted.count == 3 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(api.refreshes.count == 1)
        #expect(trace.starts.contains { $0.action == .describeRefreshTasks })
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.taskIDs.count == 1 })
        #expect(trace.events.contains { if case .unknown = $0 { true } else { false } })
    }

    @Test("an unreadable 200 the API never acted on: the look-up finds nothing, the request is sent again")
    func unreadableNotAccepted() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.unreadable]
        let trace = SubmissionSimulator().run(makeBatches([2]), api: api)
        #expect(api.accepted.count == 2 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(api.refreshes.count == 2)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
    }

    @Test(
        "unreadable answers until the attempts run out: the entries are failed but kept for the next run, never dropped"
    )
    func unreadableUntilTheEnd() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = Array(repeating: .unreadable, count: 10)
        var simulator = SubmissionSimulator()
        simulator.options.retry = RetryPolicy(maxAttempts: 3)
        let trace = simulator.run(makeBatches([2]), api: api)
        #expect(api.accepted.isEmpty)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .failed && $0.outcome.carriesOver })
        #expect(!trace.events.contains { if case .abandoned = $0 { true } else { false } })
    }
}
