import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--verify-resubmit` writes as every refresh does: a run killed right after the API accepted a resubmission
/// leaves it in the journal, and the next run neither sends it again nor forgets it.
@Suite("resubmission: killed right after it was accepted", .serialized)
struct ResubmissionRecoveryTests {
    let directory = TemporaryDirectory()

    @Test("SIGKILL right after a resubmission is accepted: the next run does not send it again, and reports it")
    func killedAfterResubmission() async throws {
        let origin = directory.file("origin")
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        for name in ["a", "b", "c"] { directory.write("origin/\(name).png", text: "\(name) version 1") }
        let urls = ["a", "b", "c"].map { "http://www.example.com/\($0).png" }
        let stale = urls[2]
        // Every answer takes a second to arrive: time to kill the run after the API accepted, before it heard back.
        let emulator = try await EndToEnd.emulator {
            $0.edgeOrigin = origin
            $0.completeAfterSeconds = 1
            $0.edgeKeepsStale = [stale]
            $0.latencyMilliseconds = 1000
        }
        let route = "www.example.com:80:127.0.0.1:\(emulator.endpoint.port ?? 0)"
        // The edge caches version 1; then the origin changes.
        let probe = HTTPEdgeProbe(connectTo: [try #require(ConnectTo(route))], timeout: 5, maxConnections: 2)
        for url in urls { _ = try await probe.probe(url).get() }
        await probe.shutdown()
        for name in ["a", "b", "c"] { directory.write("origin/\(name).png", text: "\(name) version 2!") }
        try await Task.sleep(for: .milliseconds(1100))

        let manifest = directory.write("urls.txt", text: urls.joined(separator: "\n") + "\n")
        let state = directory.file("state")
        func arguments(_ report: String) -> [String] {
            [
                "run", manifest, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", state, "--report",
                report, "--verify", "all", "--connect-to", route, "--verify-resubmit", "--poll-interval", "0.5",
            ]
        }
        let environment = EndToEnd.environment(home: directory.path)
        let first = try CommandRunner.start(arguments(directory.file("r1.csv")), environment: environment)
        let deadline = Date().addingTimeInterval(60)
        while emulator.service.acceptedCounts()[stale] != 2 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        first.kill(SIGKILL)
        let killed = await first.wait()
        try #require(killed.signaled, "the run ended before the kill: \(killed.stderr)")
        #expect(emulator.service.acceptedCounts() == [urls[0]: 1, urls[1]: 1, stale: 2])

        let second = try await CommandRunner.run(arguments(directory.file("r2.csv")), environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        // Not sent again: the journal knew of the resubmission (or looked it up).
        #expect(emulator.service.acceptedCounts() == [urls[0]: 1, urls[1]: 1, stale: 2])
        let table = try EndToEnd.report(directory.file("r2.csv"))
        let rows = Dictionary(uniqueKeysWithValues: table.rows.map { ($0["url"] ?? "", $0) })
        #expect(Set(rows.keys) == Set(urls))
        #expect(
            rows.values.allSatisfy { $0["error_message"]?.contains("already accepted by the interrupted run") == true })
        // Reported with the resubmission's task, not the first refresh's.
        let firstTask = try #require(rows[urls[0]]?["task_id"])
        let staleTask = try #require(rows[stale]?["task_id"])
        #expect(!staleTask.isEmpty && staleTask != firstTask)
        // And its quota is counted: three URLs refreshed, one resubmitted.
        let history = try await CommandRunner.run(["history", "--state-dir", state, "--json"])
        await emulator.stop()
        let days = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(days.last?["urls"] as? Int == 4, "\(history.stdout)")
    }
}
