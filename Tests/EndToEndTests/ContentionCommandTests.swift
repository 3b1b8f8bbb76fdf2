import AlibabaCDN
import CDNEmulator
import Foundation
import RefreshRunner
import TestSupport
import Testing

/// Per-domain limits when someone else spends them: another client on the account (the emulator's neighbour) fills
/// a domain's window, or a minute, before and during a run.
@Suite("run: sharing per-domain limits with other clients", .serialized)
struct ContentionCommandTests {
    let directory = TemporaryDirectory()

    func run(_ emulator: RunningEmulator, _ path: String, _ extra: [String], report: String) throws -> RunningCommand {
        try CommandRunner.start(
            [
                "run", path, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state"),
                "--report", directory.file(report), "--summary", "json",
            ] + extra, environment: EndToEnd.environment(home: directory.path))
    }

    func quotaLimits(_ emulator: RunningEmulator) async throws -> [[String: Any]] {
        let quota = try await CommandRunner.run(
            [
                "quota", "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state"),
                "--json",
            ],
            environment: EndToEnd.environment(home: directory.path))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quota.stdout.utf8)) as? [String: Any])
        return try #require(object["domain_limits"] as? [[String: Any]])
    }

    func summary(_ stderr: String) throws -> [String: Any] {
        let line = try #require(stderr.split(separator: "\n").last { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("a neighbour keeps one domain full: the other nine domains of the request are accepted while it waits")
    func idleDomainsNeverWait() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.urlQuota = 100_000
            $0.domainURLsPerMinute = 100
            $0.minuteSeconds = 3
            $0.neighbours = ["d0.example.com": 1]
        }
        let urls = (0..<500).map { "https://d\($0 % 10).example.com/p/\($0).png" }
        let path = directory.write("ten.txt", text: urls.joined(separator: "\n") + "\n")
        let started = Date()
        let command = try run(emulator, path, ["--pace-window", "3", "--pace-timeout", "8s"], report: "ten.csv")
        // The nine idle domains' 450 URLs are accepted while the run still waits on d0.
        let idle = urls.filter { !$0.hasPrefix("https://d0.") }
        var acceptedWhileRunning = false
        while command.isRunning {
            if idle.allSatisfy({ emulator.service.acceptedCounts()[$0] == 1 }) {
                acceptedWhileRunning = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let result = await command.wait()
        let elapsed = Date().timeIntervalSince(started)
        #expect(acceptedWhileRunning, "\(result.stderr)")
        // d0 waited out --pace-timeout (never deferred sooner), then was deferred: exit 1, said so.
        #expect(elapsed >= 8, "took \(elapsed) s")
        #expect(result.status == 1, "\(result.stderr)")
        let report = try EndToEnd.report(directory.file("ten.csv"))
        let busy = report.rows.filter { $0["url"]?.hasPrefix("https://d0.") == true }
        #expect(busy.count == 50 && busy.allSatisfy { $0["status"] == "deferred" && $0["error_code"] == "PaceTimeout" })
        #expect(report.rows.filter { $0["status"] == "submitted" }.count == 450)
        let document = try summary(result.stderr)
        #expect(document["pacing_deferred"] as? Int == 50, "\(document)")
        // Nothing was learned of the nine, nor a limit under 100 of d0.
        let limits = try await quotaLimits(emulator)
        await emulator.stop()
        #expect(limits.allSatisfy { ($0["urls_per_minute"] as? Int ?? .max) >= 100 }, "\(limits)")
    }

    @Test("a busy minute just before a small run teaches no limit below what the API then accepts")
    func busyMinute() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.urlQuota = 100_000
            $0.domainURLsPerMinute = 100
            $0.minuteSeconds = 3
        }
        emulator.service.occupy("www.example.com", urls: 99)
        let (path, urls) = EndToEnd.manifest(directory, count: 202)
        let result = try await run(emulator, path, ["--batch-size", "5", "--pace-window", "3"], report: "busy.csv")
            .wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let limits = try await quotaLimits(emulator)
        await emulator.stop()
        let limit = limits.first { $0["domain"] as? String == "www.example.com" }
        let proven = limit?["proven_urls"] as? Int ?? 0
        #expect(proven == 100, "\(limits)")
        #expect((limit?["urls_per_minute"] as? Int ?? .max) >= proven, "\(limits)")
    }

    @Test("an explicit --domain-urls-per-minute wins over a learned limit; quota --forget-limits empties them")
    func explicitLimitWins() async throws {
        let state = directory.file("state")
        let store = try StateStore(directory: state, exclusive: true)
        try store.recordDomainFindings(
            ["www.example.com": .init(limit: 100, limitChanged: true, reason: "refused", proven: 0)], at: Date())
        store.close()
        let emulator = try await EndToEnd.emulator {
            $0.urlQuota = 100_000
            $0.domainURLsPerMinute = 1000
            $0.minuteSeconds = 2
        }
        let (path, _) = EndToEnd.manifest(directory, count: 600)
        let result = try await run(
            emulator, path, ["--domain-urls-per-minute", "300", "--pace-window", "2"], report: "given.csv"
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.statistics().calls["RefreshObjectCaches"] == 2)  // two requests of 300, not six of 100
        let pacing = try #require(try summary(result.stderr)["pacing"] as? [String: Any])
        let domains = try #require(pacing["domains"] as? [[String: Any]])
        #expect(domains.first?["source"] as? String == "given" && domains.first?["urls_per_minute"] as? Int == 300)

        // Forgetting calls no API: an endpoint nobody listens on would fail the command.
        let forget = try await CommandRunner.run(
            ["quota", "--forget-limits", "www.example.com", "--state-dir", state, "--endpoint", "http://127.0.0.1:9"],
            environment: EndToEnd.environment(home: directory.path))
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stderr.contains("forgot the learned limits of 1 domain (www.example.com)"), "\(forget.stderr)")
        #expect(try await quotaLimits(emulator).isEmpty)
        await emulator.stop()
    }
}
