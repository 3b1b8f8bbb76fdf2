import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

/// Answers that confirm nothing, and answers that never end, between the tool and the API.
@Suite("faults: unreadable answers and endless bodies", .serialized)
struct HostileAnswerTests {
    let directory = TemporaryDirectory()

    func run(
        _ server: HostileServer, _ path: String, _ extra: [String] = [], report: String
    ) async throws -> CommandResult {
        try await CommandRunner.run(
            [
                "run", path, "--endpoint", server.endpoint, "--state-dir", directory.file("state"), "--report", report,
                "--batch-size", "5",
            ] + extra, environment: EndToEnd.environment(home: directory.path))
    }

    @Test(
        "a 200 that is not the API's JSON, or names no task, is looked up: accepted once, nothing dropped",
        arguments: [
            HostileServer.Fault.html, .empty, .truncated, .null, .noTaskID, .internalErrorBeside,
        ])
    func unconfirmedAnswers(fault: HostileServer.Fault) async throws {
        let emulator = try await EndToEnd.emulator()
        let server = try HostileServer(upstreamPort: emulator.endpoint.port ?? 0)
        server.spoil("RefreshObjectCaches", with: [fault, fault])
        let (path, urls) = EndToEnd.manifest(directory, count: 12, name: "u\(urls(fault)).txt")
        let result = try await run(server, path, report: directory.file("r.csv"))
        server.stop()
        await emulator.stop()
        #expect(result.status == 0, "\(fault): \(result.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        #expect(server.count("DescribeRefreshTasks") >= 1)
        let table = try EndToEnd.report(directory.file("r.csv"))
        #expect(table.rows.count == 12 && table.rows.allSatisfy { $0["status"] == "submitted" })
    }

    @Test("unreadable answers every time: the URLs are failed, kept in the backlog, and the next run sends them")
    func keptNotDropped() async throws {
        let emulator = try await EndToEnd.emulator()
        let server = try HostileServer(upstreamPort: emulator.endpoint.port ?? 0)
        // Not passed on at all would be a lost request; these are passed on and answered with HTML: the API
        // accepts, the tool cannot tell.
        server.spoil("RefreshObjectCaches", with: Array(repeating: .html, count: 20))
        server.spoil("DescribeRefreshTasks", with: Array(repeating: .html, count: 200))
        let (path, urls) = EndToEnd.manifest(directory, count: 4, name: "kept.txt")
        let first = try await run(server, path, ["--max-attempts", "2"], report: directory.file("r1.csv"))
        #expect(first.status == 1, "\(first.stderr)")
        let table = try EndToEnd.report(directory.file("r1.csv"))
        #expect(table.rows.allSatisfy { $0["status"] == "failed" })
        let backlog = try await CommandRunner.run(["backlog", "list", "--state-dir", directory.file("state")])
        #expect(
            Set(backlog.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) })
                == Set(urls))
        server.stop()
        await emulator.stop()
    }

    @Test("--timeout bounds the whole exchange: a body dripped a byte a second ends the call, which is looked up")
    func drippedBody() async throws {
        let emulator = try await EndToEnd.emulator()
        let server = try HostileServer(upstreamPort: emulator.endpoint.port ?? 0)
        server.spoil("RefreshObjectCaches", with: [.drip(interval: 1)])
        let (path, urls) = EndToEnd.manifest(directory, count: 5, name: "drip.txt")
        let started = Date()
        let result = try await run(server, path, ["--timeout", "2"], report: directory.file("r.csv"))
        let elapsed = Date().timeIntervalSince(started)
        server.stop()
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < 30, "took \(elapsed) s")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
    }

    @Test("--wait-timeout bounds the whole wait: task polls whose answers never end do not hold the run")
    func endlessPolls() async throws {
        let emulator = try await EndToEnd.emulator { $0.completeAfterSeconds = 1000 }
        let server = try HostileServer(upstreamPort: emulator.endpoint.port ?? 0)
        server.spoil("DescribeRefreshTaskById", with: Array(repeating: .endless(interval: 0.5), count: 50))
        let (path, _) = EndToEnd.manifest(directory, count: 5, name: "wait.txt")
        let started = Date()
        let result = try await run(
            server, path, ["--wait", "--wait-timeout", "4", "--timeout", "2", "--poll-interval", "1"],
            report: directory.file("r.csv"))
        let elapsed = Date().timeIntervalSince(started)
        server.stop()
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < 20, "took \(elapsed) s")
        #expect(server.count("DescribeRefreshTaskById") >= 1)
        let table = try EndToEnd.report(directory.file("r.csv"))
        #expect(table.rows.allSatisfy { $0["status"] == "submitted" })
    }

    /// A file name for the fault's manifest.
    func urls(_ fault: HostileServer.Fault) -> String {
        "\(fault)".filter { $0.isLetter }
    }
}
