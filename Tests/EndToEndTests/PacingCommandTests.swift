import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Per-domain limits against the emulator, with a two-second "minute".
@Suite("run: per-domain pacing against the emulator", .serialized)
struct PacingCommandTests {
    let directory = TemporaryDirectory()

    func emulator(limit: Int, minute: Double) async throws -> RunningEmulator {
        try await EndToEnd.emulator {
            $0.urlQuota = 100_000
            $0.domainURLsPerMinute = limit
            $0.minuteSeconds = minute
        }
    }

    func run(_ emulator: RunningEmulator, _ path: String, _ extra: [String], report: String) throws -> RunningCommand {
        try CommandRunner.start(
            [
                "run", path, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state"),
                "--report", directory.file(report),
            ] + extra, environment: EndToEnd.environment(home: directory.path))
    }

    func refused(_ emulator: RunningEmulator) -> Int {
        emulator.service.statistics().paced
    }

    @Test("a known limit: requests split to fit and spaced a window apart; no refusal, nothing failed")
    func knownLimit() async throws {
        let emulator = try await emulator(limit: 100, minute: 2)
        let (path, urls) = EndToEnd.manifest(directory, count: 500)
        let started = Date()
        let result = try await run(
            emulator, path, ["--domain-urls-per-minute", "100", "--pace-window", "2"], report: "r.csv"
        ).wait()
        let elapsed = Date().timeIntervalSince(started)
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        #expect(refused(emulator) == 0)
        #expect(elapsed >= 8, "took \(elapsed) s")
        #expect(result.stderr.contains("paced: www.example.com at 100 URLs/min (given)"), "\(result.stderr)")
        #expect(result.stderr.contains("5 requests sent"))
    }

    @Test("a limit the API holds to in three windows is learned, kept, shown by quota with why, and paces the next run")
    func learnedLimit() async throws {
        // Windows of 4 s: a test process busy with other suites may answer a second late, and a refusal's level is
        // reckoned when its answer arrives; in a 2 s window that delay alone can blur which window it fell in.
        let emulator = try await emulator(limit: 100, minute: 4)
        let (first, firstURLs) = EndToEnd.manifest(directory, count: 400, name: "first.txt")
        // One request at a time: each refusal then comes with our last 100 URLs in the window, whatever the timing.
        let result = try await run(
            emulator, first,
            ["--batch-size", "100", "--pace-window", "4", "--concurrency", "1", "--log-level", "debug"],
            report: "r1.csv"
        ).wait()
        // The debug log says what each refusal was taken for, down to the one that lowered the limit.
        let refusalLines = result.stderr.split(separator: "\n").filter { $0.contains("Per-minute refusal") }
        #expect(refusalLines.count >= 3, "\(result.stderr)")
        #expect(refusalLines.contains { $0.contains("lowered to 100") }, "\(result.stderr)")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.acceptedCounts().count == 400)
        #expect(firstURLs.allSatisfy { emulator.service.acceptedCounts()[$0] == 1 })
        #expect(refused(emulator) >= 3)
        #expect(result.stderr.contains("URLs/min (learned today)"), "\(result.stderr)")
        let quota = try await CommandRunner.run(
            [
                "quota", "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state"),
                "--json",
            ],
            environment: EndToEnd.environment(home: directory.path))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quota.stdout.utf8)) as? [String: Any])
        let limits = try #require(object["domain_limits"] as? [[String: Any]])
        #expect(limits.first?["domain"] as? String == "www.example.com")
        #expect(limits.first?["urls_per_minute"] as? Int == 100)
        #expect(limits.first?["proven_urls"] as? Int == 100)
        #expect((limits.first?["reason"] as? String)?.contains("separate windows") == true, "\(limits)")
        #expect(limits.first?["learned_at"] as? String != nil)

        // The next night's run: the first run's last requests have left the window.
        let refusedBefore = refused(emulator)
        try await Task.sleep(for: .milliseconds(4500))
        let (second, _) = EndToEnd.manifest(directory, count: 300, name: "second.txt")
        let next = try await run(emulator, second, ["--pace-window", "4"], report: "r2.csv").wait()
        await emulator.stop()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(emulator.service.acceptedCounts().count == 700)
        // The learned limit paced it from the first request; at most one raise was tried, refused, and taken back.
        #expect(refused(emulator) <= refusedBefore + 1)
        #expect(next.stderr.contains("at 100 URLs/min (learned)"), "\(next.stderr)")
    }

    @Test("killed while waiting on a window: the next run sends exactly what it had not sent")
    func killedWhileWaiting() async throws {
        let emulator = try await emulator(limit: 100, minute: 3)
        let (path, urls) = EndToEnd.manifest(directory, count: 400)
        let arguments = ["--domain-urls-per-minute", "100", "--pace-window", "3"]
        let first = try run(emulator, path, arguments, report: "r1.csv")
        let deadline = Date().addingTimeInterval(30)
        while emulator.service.acceptedCounts().count < 100 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(500))  // now it waits on the window
        first.kill(SIGKILL)
        _ = await first.wait()
        #expect(emulator.service.acceptedCounts().count < 400)
        let second = try await run(emulator, path, arguments, report: "r2.csv").wait()
        await emulator.stop()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
    }
}
