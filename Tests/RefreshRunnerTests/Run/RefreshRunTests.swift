import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import Logging
import TestSupport
import Testing

@testable import RefreshRunner

@Suite("Run coordination (in-memory emulator)")
struct RefreshRunTests {
    let directory = TemporaryDirectory()
    let logger = Logger(label: "run-test")

    func manifest(_ count: Int, prefix: String = "u") -> String {
        directory.write(
            "\(prefix).txt",
            text: (0..<count).map { "https://cdn.example.com/\(prefix)/\($0).png" }.joined(separator: "\n"))
    }

    func run(
        _ inputs: [String], service: EmulatorService, state: Bool = true, quotaURLs: Int? = nil,
        collapse: CollapseOptions = CollapseOptions(), refreshes: RefreshLog? = nil,
        limits: BacklogLimits = BacklogLimits(), clock: any RunnerClock = SystemClock(),
        prefetch: PrefetchOptions? = nil, force: Bool = false,
        options: SubmissionOptions = SubmissionOptions(
            callsPerSecond: 50, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
    ) async throws -> RunOutcome {
        let configuration = RunConfiguration(
            planning: PipelineConfiguration(
                inputs: inputs.map(InputSource.file),
                quota: QuotaRequest(urls: quotaURLs, directories: quotaURLs.map { _ in 100 }),
                planOptions: PlannerOptions(collapse: collapse, force: force)),
            submission: options,
            stateDirectory: state ? directory.file("state") : nil, runID: "run-\(UUID().uuidString)",
            backlogLimits: limits, prefetch: prefetch,
            outputs: RunOutputs(report: .file(directory.file("report-\(UUID().uuidString).csv"))))
        let outcome = await RefreshRun(
            configuration: configuration, api: EmulatorBackedAPI(service: service, refreshes: refreshes),
            clock: clock, logger: logger
        )
        .execute()
        if let error = outcome.notices.first, !outcome.finished { throw RunStopped(reason: error) }
        return outcome
    }

    @Test("the live quota trims the plan; what does not fit waits in the backlog")
    func liveQuota() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(urlQuota: 10))
        let outcome = try await run([manifest(25)], service: service, collapse: .off)
        #expect(outcome.exit == .success)
        #expect(outcome.rows.filter { $0.status == .submitted }.count == 10)
        #expect(outcome.rows.filter { $0.status == .deferred }.count == 15)
        #expect(outcome.summary.quotaStart?.urls == 10 && outcome.summary.quotaLeft?.urls == 0)
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        #expect(try store.backlog().count == 15)
        #expect(service.acceptedCounts().count == 10)
    }

    @Test("a refused key stops the run before anything is sent; the candidates wait in the backlog (exit 2)")
    func refusedKey() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(accessKeySecret: "another"))
        let outcome = try await run([manifest(3)], service: service)
        #expect(outcome.exit == .nothingDone)
        #expect(outcome.summary.stopReason?.contains("SignatureDoesNotMatch") == true)
        #expect(outcome.rows.allSatisfy { $0.status == .deferred && $0.errorCode == "SignatureDoesNotMatch" })
        #expect(try StateStore(directory: directory.file("state"), exclusive: true).backlog().count == 3)
    }

    @Test("a request a killed run left sending is looked up; what the API accepted is not sent again")
    func recoversKilledRun() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let api = EmulatorBackedAPI(service: service)
        let urls = (0..<3).map { "https://cdn.example.com/k/\($0).png" }
        // The killed run: claimed three URLs, sent two, and died before the answer (the API did accept them).
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.beginRun(id: "killed", at: Date())
            try store.upsertBacklog(
                urls.map {
                    BacklogEntry(
                        url: $0, type: .file, priority: nil, hits: 0, latestChange: nil, firstSeen: Date(),
                        source: "k.txt:1")
                },
                claimedBy: "killed", at: Date())
            try store.recordSending(
                key: "killed-1", runID: "killed", kind: .refresh(.file), urls: Array(urls.prefix(2)), batch: 1,
                at: Date())
            _ = try await api.refreshObjectCaches(
                objectPath: urls.prefix(2).joined(separator: "\n"), objectType: .file, force: nil)
            store.close()
        }
        let outcome = try await run([], service: service)
        #expect(outcome.exit == .success)
        #expect(service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let earlier = outcome.rows.filter { $0.errorMessage.contains("interrupted run") }
        #expect(earlier.map(\.url).sorted() == Array(urls.prefix(2)))
        #expect(try StateStore(directory: directory.file("state"), exclusive: true).backlog().isEmpty)
    }

    @Test("rerunning the same input after an interrupted run skips what that run had accepted")
    func resumesSameInput() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let input = manifest(4, prefix: "r")
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            try store.beginRun(id: "killed", at: Date())
            let done = ["https://cdn.example.com/r/0.png", "https://cdn.example.com/r/1.png"]
            try store.recordSending(
                key: "killed-1", runID: "killed", kind: .refresh(.file), urls: done, batch: 1, at: Date())
            _ = try await EmulatorBackedAPI(service: service).refreshObjectCaches(
                objectPath: done.joined(separator: "\n"), objectType: .file, force: nil)
            try store.recordAccepted(
                key: "killed-1", urls: done, kind: .refresh(.file), requestID: "R", taskIDs: ["1"], at: Date())
            store.close()
        }
        let outcome = try await run([input], service: service)
        #expect(service.acceptedCounts().values.allSatisfy { $0 == 1 })
        #expect(service.acceptedCounts().count == 4)
        #expect(outcome.rows.filter { $0.errorMessage.contains("interrupted run killed") }.count == 2)
        // Once a run has finished, the same input is sent again on purpose.
        _ = try await run([input], service: service)
        #expect(service.acceptedCounts().values.allSatisfy { $0 == 2 })
    }

    @Test("lost answers (dropped connections) are looked up: no URL is accepted twice")
    func droppedConnections() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(dropRate: 0.5, seed: 3))
        let outcome = try await run(
            [manifest(40)], service: service,
            options: SubmissionOptions(callsPerSecond: 50, retry: RetryPolicy(maxAttempts: 8, baseDelay: 0.01)))
        let counts = service.acceptedCounts()
        #expect(counts.count == 40 && counts.values.allSatisfy { $0 == 1 })
        #expect(outcome.exit == .success)
        #expect(service.statistics().dropped > 0)
    }

    @Test("a look-up counts only tasks of the request's own time window")
    func lookupWindow() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let url = "https://cdn.example.com/w/0.png"
        // Someone refreshed the URL just now; the killed run's request left two hours ago and was never accepted.
        _ = try await EmulatorBackedAPI(service: service).refreshObjectCaches(
            objectPath: url, objectType: .file, force: nil)
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            let then = Date().addingTimeInterval(-7200)
            try store.beginRun(id: "killed", at: then)
            try store.upsertBacklog(
                [
                    BacklogEntry(
                        url: url, type: .file, priority: nil, hits: 0, latestChange: nil, firstSeen: then,
                        source: "w.txt:1")
                ],
                claimedBy: "killed", at: then)
            try store.recordSending(
                key: "killed-1", runID: "killed", kind: .refresh(.file), urls: [url], batch: 1, at: then)
            store.close()
        }
        let outcome = try await run([], service: service)
        #expect(service.acceptedCounts()[url] == 2)
        #expect(outcome.rows.map(\.url) == [url])
        #expect(outcome.rows.first?.status == .submitted)
        #expect(outcome.rows.first?.errorMessage.isEmpty == true)
    }

    /// Leaves a request `sending` for `urls`, as a run killed before the answer would.
    func leaveUnansweredRequest(_ urls: [String]) throws {
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        try store.beginRun(id: "killed", at: Date())
        try store.recordSending(
            key: "killed-1", runID: "killed", kind: .refresh(.file), urls: urls, batch: 1, at: Date())
        store.close()
    }

    @Test("credentials refused while settling a killed run: the inputs are still read and kept (exit 2)")
    func refusedDuringRecovery() async throws {
        try leaveUnansweredRequest(["https://cdn.example.com/old.png"])
        let service = EmulatorService(configuration: EmulatorConfiguration(accessKeySecret: "rotated"))
        let outcome = try await run([manifest(3, prefix: "n")], service: service)
        #expect(outcome.exit == .nothingDone)
        #expect(outcome.rows.filter { $0.status == .deferred }.count == 3)
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        #expect(try store.backlog().count == 3)
        #expect(try store.pendingRequests().count == 1)
    }

    @Test("a URL whose interrupted request cannot be confirmed is not sent again, even from the input")
    func unconfirmedIsWithheld() async throws {
        let url = "https://cdn.example.com/u/0.png"
        try leaveUnansweredRequest([url])
        let service = EmulatorService(configuration: EmulatorConfiguration(errorRate: 1))
        let outcome = try await run([manifest(1)], service: service)
        #expect(service.acceptedCounts().isEmpty)
        let row = try #require(outcome.rows.first { $0.url == url })
        #expect(row.status == .deferred)
        #expect(row.errorMessage.contains("could not be confirmed"))
        #expect(outcome.notices.contains { $0.contains("could not confirm") })
    }

    @Test("a covered entry leaves the backlog only when its directory is accepted")
    func coveredFollowsDirectory() async throws {
        let input = directory.write(
            "dirs.txt", text: "https://cdn.example.com/static/\tdirectory\nhttps://cdn.example.com/static/app.js\n")
        // Day one: no directory quota left at the API, so the directory is deferred and the file must stay.
        let exhausted = EmulatorService(configuration: EmulatorConfiguration(directoryQuota: 0))
        let first = try await run([input], service: exhausted, quotaURLs: 100)
        // The file was covered by the directory in the plan; its report row says it was not refreshed.
        #expect(first.rows.map(\.status) == [.deferred, .deferred])
        #expect(first.rows.last?.coveredBy == "https://cdn.example.com/static/")
        #expect(first.rows.last?.errorMessage.contains("was not accepted") == true)
        do {
            let store = try StateStore(directory: directory.file("state"), exclusive: true)
            defer { store.close() }
            #expect(
                Set(try store.backlog().map(\.url)) == [
                    "https://cdn.example.com/static/", "https://cdn.example.com/static/app.js",
                ])
        }
        // Day two: the directory is accepted, and takes the file out with it.
        let second = try await run([], service: EmulatorService(configuration: EmulatorConfiguration()), quotaURLs: 100)
        #expect(second.rows.map(\.status) == [.submitted, .covered])
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        defer { store.close() }
        #expect(try store.backlog().isEmpty)
    }

    @Test("with nothing to submit no API call is made")
    func nothingToDo() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration())
        let outcome = try await run([directory.write("empty.txt", text: "# nothing today\n")], service: service)
        #expect(outcome.exit == .success && outcome.rows.isEmpty)
        #expect(service.statistics().calls.isEmpty)
        #expect(outcome.summary.quotaStart == nil)
    }

    @Test("without state nothing is written")
    func noState() async throws {
        let service = EmulatorService(configuration: EmulatorConfiguration(urlQuota: 1))
        let outcome = try await run([manifest(2)], service: service, state: false)
        #expect(outcome.rows.filter { $0.status == .deferred }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("state")))
    }
}

/// A run its state directory stopped, as the tests see it.
struct RunStopped: Error {
    var reason: String
}
