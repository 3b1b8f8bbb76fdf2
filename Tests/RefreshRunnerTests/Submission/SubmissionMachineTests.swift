import AlibabaCDN
import CDNRefresh
import Testing

@testable import RefreshRunner

@Suite("Submission (simulated time)")
struct SubmissionMachineTests {
    @Test("every URL accepted once; never more than --concurrency in flight nor --qps starts a second")
    func acceptsAll() {
        let api = FakeCDN()
        var simulator = SubmissionSimulator()
        simulator.latency = 0.4
        simulator.options.concurrency = 4
        simulator.options.callsPerSecond = 20
        let trace = simulator.run(makeBatches(Array(repeating: 10, count: 60)), api: api)
        #expect(api.accepted.count == 600 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(trace.maxInFlight <= 4)
        #expect(busiestSecond(trace.starts.map(\.time)) <= 20)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.attempts == 1 })
        // 60 requests at 0.4 s each through 4 slots: concurrency, not the rate, bounds this run.
        #expect(trace.endTime >= 60 * 0.4 / 4)
    }

    @Test("503s are retried with backoff; nothing is lost")
    func retriesServerErrors() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [
            .fail(FakeCDN.api("ServiceUnavailable", status: 503)),
            .fail(FakeCDN.api("ServiceUnavailable", status: 503)),
        ]
        let trace = SubmissionSimulator().run(makeBatches([5, 5]), api: api)
        #expect(api.accepted.count == 10 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(trace.machine.retries == 2)
        // Both requests were in flight together, so each met one 503 and needed a second attempt.
        #expect(trace.machine.entries.map(\.outcome.attempts) == Array(repeating: 2, count: 10))
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.errorCode.isEmpty })
    }

    @Test("Throttling.User waits at least x-acs-retry-after before trying again")
    func honoursRetryAfter() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.fail(FakeCDN.api("Throttling.User", retryAfter: 0.75))]
        let trace = SubmissionSimulator().run(makeBatches([3]), api: api)
        let times = api.refreshes.map(\.0)
        #expect(times.count == 2)
        #expect(times[1] - times[0] >= 0.1 + 0.75)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
    }

    @Test("retries that run out leave the entries failed, carried over for the next run")
    func exhaustedRetries() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = Array(repeating: .fail(FakeCDN.api("InternalError", status: 500)), count: 3)
        var simulator = SubmissionSimulator()
        simulator.options.retry = RetryPolicy(maxAttempts: 3)
        let trace = simulator.run(makeBatches([2]), api: api)
        #expect(api.accepted.isEmpty)
        let outcome = trace.machine.entries[0].outcome
        #expect(outcome.status == .failed && outcome.carriesOver && outcome.attempts == 3)
        #expect(outcome.errorCode == "InternalError" && outcome.httpStatus == 500)
        #expect(trace.events.contains(.carriedOver(urls: trace.machine.entries.map(\.url), kind: .refresh(.file))))
    }

    @Test("QuotaExceeded.Refresh stops that type: the rest of it is deferred, other types go on")
    func quotaStopsType() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.fail(FakeCDN.api("QuotaExceeded.Refresh"))]
        var simulator = SubmissionSimulator()
        simulator.options.concurrency = 1
        let files = makeBatches([4, 4, 4])
        var directories = makeBatches([2], type: .directory, prefix: "d")
        directories[0].number = 4
        let trace = simulator.run(files + directories, api: api)
        let fileOutcomes = trace.machine.entries.filter { $0.candidate.type == .file }.map(\.outcome)
        #expect(fileOutcomes.allSatisfy { $0.status == .deferred && $0.carriesOver })
        #expect(fileOutcomes.filter { $0.attempts == 0 }.count == 8)
        #expect(
            trace.machine.entries.filter { $0.candidate.type == .directory }.allSatisfy {
                $0.outcome.status == .submitted
            })
        #expect(Set(trace.machine.stoppedKinds.keys) == [.refresh(.file)])
        #expect(api.refreshes.count == 2)
    }

    @Test("a bad URL in a 1,000-URL request costs only itself (the request is split in halves)")
    func bisectsBadURL() {
        let api = FakeCDN()
        let batches = makeBatches([1000])
        let bad = batches[0].entries[637].url
        api.badURLs = [bad]
        let trace = SubmissionSimulator().run(batches, api: api)
        #expect(api.accepted.count == 999 && api.accepted[bad] == nil)
        let failed = trace.machine.entries.filter { $0.outcome.status == .failed }
        #expect(failed.map(\.url) == [bad])
        #expect(failed.first?.outcome.errorCode == "InvalidObjectPath.Malformed")
        #expect(failed.first?.outcome.carriesOver == false)
        #expect(api.refreshes.count <= 2 * 10 + 1)
    }

    @Test("refused credentials stop the run: nothing more is sent, everything unsent is deferred")
    func authenticationStops() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.fail(FakeCDN.api("InvalidAccessKeyId.NotFound", status: 404))]
        var simulator = SubmissionSimulator()
        simulator.options.concurrency = 1
        let trace = simulator.run(makeBatches([3, 3, 3]), api: api)
        #expect(api.refreshes.count == 1)
        #expect(trace.machine.stopError?.code == "InvalidAccessKeyId.NotFound")
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .deferred && $0.outcome.carriesOver })
    }

    @Test("a lost answer after the API accepted: the look-up finds the URLs, nothing is sent twice")
    func lostAnswerAccepted() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.acceptThenLose]
        let trace = SubmissionSimulator().run(makeBatches([3]), api: api)
        #expect(api.accepted.count == 3 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(api.refreshes.count == 1)
        #expect(trace.starts.filter { $0.action == .describeRefreshTasks }.count == 3)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.taskIDs.count == 1 })
        #expect(trace.events.contains { if case .unknown = $0 { true } else { false } })
    }

    @Test("a lost answer the API never acted on: the look-up finds nothing, the request is sent again")
    func lostAnswerNotAccepted() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.lose]
        let trace = SubmissionSimulator().run(makeBatches([2]), api: api)
        #expect(api.accepted.count == 2 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(api.refreshes.count == 2)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted && $0.outcome.attempts == 2 })
    }

    @Test("a large request is looked up by domain and time window, page by page, within 10 calls a second")
    func lookupByDomain() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.acceptThenLose]
        let trace = SubmissionSimulator().run(makeBatches([300]), api: api)
        #expect(api.accepted.count == 300 && api.accepted.values.allSatisfy { $0 == 1 })
        #expect(api.refreshes.count == 1)
        let lookups = trace.starts.filter { $0.action == .describeRefreshTasks }.map(\.time)
        #expect(lookups.count == 3)
        #expect(busiestSecond(lookups) <= 10)
        #expect(trace.machine.entries.allSatisfy { $0.outcome.status == .submitted })
    }

    @Test("--wait polls up to 10 task IDs a call until Complete or Failed")
    func waitsForTasks() {
        let api = FakeCDN()
        let batches =
            makeBatches([4], domains: 12)
            + makeBatches([3], domains: 1, prefix: "g").map {
                var batch = $0
                batch.number = 2
                return batch
            }
        api.failingURLs = [batches[1].entries[2].url]
        var simulator = SubmissionSimulator()
        simulator.options.wait = true
        simulator.options.pollIntervalSeconds = 1
        let trace = simulator.run(batches, api: api)
        let polls = trace.starts.filter { $0.action == .describeRefreshTaskByID }
        #expect(!polls.isEmpty)
        let completed = trace.machine.entries.filter { $0.outcome.status == .complete }
        #expect(completed.count == 6)
        #expect(completed.allSatisfy { $0.outcome.taskStatus == "Complete" && $0.outcome.taskIDs.count == 1 })
        let failed = trace.machine.entries.filter { $0.outcome.status == .failed }
        #expect(failed.map(\.url) == [batches[1].entries[2].url])
        #expect(failed.first?.outcome.errorMessage == "Origin Timeout")
        #expect(failed.first?.outcome.carriesOver == true)
    }

    @Test("--wait-timeout leaves unfinished tasks submitted with their last status")
    func waitTimeout() {
        let api = FakeCDN()
        api.completeAfter = 1000
        var simulator = SubmissionSimulator()
        simulator.options.wait = true
        simulator.options.pollIntervalSeconds = 1
        simulator.options.waitTimeoutSeconds = 5
        let trace = simulator.run(makeBatches([2]), api: api)
        #expect(
            trace.machine.entries.allSatisfy {
                $0.outcome.status == .submitted && $0.outcome.taskStatus == "Refreshing"
            })
        #expect(trace.endTime <= 7)
    }

    @Test("a request over two domains maps each URL to its domain's task ID")
    func taskIDsPerDomain() {
        let api = FakeCDN()
        let trace = SubmissionSimulator().run(makeBatches([4], domains: 2), api: api)
        let ids = Set(trace.machine.entries.map { $0.outcome.taskIDs })
        #expect(ids.count == 2 && ids.allSatisfy { $0.count == 1 })
        let firstDomain = trace.machine.entries.filter { $0.candidate.domain == "d0.example.com" }.map(
            \.outcome.taskIDs)
        #expect(Set(firstDomain).count == 1)
    }

    @Test("journal events announce each request before its answer, in order")
    func journalOrder() {
        let api = FakeCDN()
        api.script[.refreshObjectCaches] = [.fail(FakeCDN.api("ServiceUnavailable", status: 503))]
        let trace = SubmissionSimulator().run(makeBatches([2]), api: api)
        let kinds = trace.events.map { event -> String in
            switch event {
            case .sending: "sending"
            case .accepted: "accepted"
            case .rejected: "rejected"
            default: "other"
            }
        }
        #expect(kinds == ["sending", "rejected", "sending", "accepted"])
    }
}
