import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import Support
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A cron job always ends: a server that drips, a listing that does not answer, a signal at the wrong moment.
@Suite("cdn: inputs that never hang a run", .serialized)
struct NoHangTests {
    var directory = TemporaryDirectory()
    static let domain = "a.example.com"
    /// 00:00 to 03:00 UTC+8: three hourly files.
    static let window = ["--since", "2026-11-24T00:00+08:00", "--until", "2026-11-24T03:00+08:00"]

    /// An hour of edge log without a broken line: twenty 502s, each its own URL.
    static func hour(_ domain: String, _ hour: Int) -> String {
        (0..<20).map { line in
            "[24/Nov/2026:0\(hour):\(10 + line):00 +0800] 203.0.113.9 - 12 \"-\" "
                + "\"GET https://\(domain)/h\(hour)/\(line).png\" 502 300 1000 MISS \"Mozilla/5.0\" \"image/png\"\n"
        }.joined()
    }

    func publish(domains: [String] = [Self.domain], hours: Range<Int> = 0..<3) -> String {
        let logs = directory.file("logs")
        try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        for domain in domains {
            for hour in hours {
                directory.write(
                    "logs/" + CDNLogCommandTests.fileName(domain, hour),
                    bytes: GzipWriter.compress(Self.hour(domain, hour)))
            }
        }
        return logs
    }

    func arguments(_ emulator: RunningEmulator, _ extra: [String], report: String, domains: [String] = [Self.domain])
        -> [String]
    {
        ["run"] + domains.map { "cdn:" + $0 } + Self.window + [
            "--endpoint", emulator.endpoint.absoluteString, "--report", directory.file(report), "--methods", "GET",
            "--status", "500-599",
        ] + extra
    }

    func calls(_ emulator: RunningEmulator, _ action: String) -> Int {
        emulator.service.statistics().calls[action] ?? 0
    }

    /// Waits (at most a minute) until `condition` holds.
    func until(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(60)
        while !condition() && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(condition())
    }

    @Test("a file dripped a byte every 2 s is a stall (under 64 KiB in --timeout): named, exit 1, the others used")
    func trickle() async throws {
        let logs = publish()
        let dripped = CDNLogCommandTests.fileName(Self.domain, 1)
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = logs
            $0.trickleLogDownloads = [dripped: 2]
        }
        let started = Date()
        let result = try await CommandRunner.run(
            arguments(emulator, ["--timeout", "3", "--no-state"], report: "drip.csv"),
            environment: EndToEnd.environment(home: directory.path))
        let elapsed = Date().timeIntervalSince(started)
        await emulator.stop()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(elapsed < 30, "took \(elapsed) s")
        #expect(result.stderr.contains(dripped) && result.stderr.contains("stalled"), "\(result.stderr)")
        #expect(result.stderr.contains("1 could not be read: \(dripped)"), "\(result.stderr)")
        let report = try EndToEnd.report(directory.file("drip.csv"))
        let sent = Set(report.rows.filter { $0["status"] == "submitted" }.compactMap { $0["url"] })
        #expect(sent.count == 40 && sent.allSatisfy { !$0.contains("/h1/") }, "\(sent.count)")
    }

    @Test("a listing that times out says so in a sentence")
    func listingTimeout() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = publish()
            $0.listingDelay = 5
        }
        let result = try await CommandRunner.run(
            arguments(emulator, ["--timeout", "1", "--max-attempts", "1", "--no-state"], report: "slow.csv"),
            environment: EndToEnd.environment(home: directory.path))
        await emulator.stop()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("listing the logs of a.example.com timed out after 1 s"), "\(result.stderr)")
        #expect(!["(kind:", "Failure(", "Error("].contains { result.stderr.contains($0) }, "\(result.stderr)")
    }

    @Test("download URLs that expire before the reader reaches them are listed again once, and the files read")
    func expiredURLs() async throws {
        let domains = ["a.example.com", "b.example.com"]
        let emulator = try await EndToEnd.emulator {
            // A URL is signed when its listing is asked for and arrives 3 s later: the first ones (valid 5 s) have
            // expired when reading starts, after both listings (6 s); one listed again arrives with 2 s to spare.
            $0.cdnLogsDirectory = publish(domains: domains, hours: 0..<2)
            $0.logURLLifetime = 5
            $0.listingDelay = 3
        }
        let result = try await CommandRunner.run(
            arguments(emulator, ["--no-state"], report: "expired.csv", domains: domains),
            environment: EndToEnd.environment(home: directory.path))
        let listings = calls(emulator, "DescribeCdnDomainLogs")
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(listings > 2, "only \(listings) listings: nothing was listed again")
        #expect(!result.stderr.contains("could not be read"), "\(result.stderr)")
        let report = try EndToEnd.report(directory.file("expired.csv"))
        #expect(report.rows.filter { $0["status"] == "submitted" }.count == 80)
    }

    @Test("rerunning after an exit 1 pays for nothing twice: what was accepted is skipped, with its task")
    func rerunPaysOnce() async throws {
        let logs = publish()
        let dripped = CDNLogCommandTests.fileName(Self.domain, 2)
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = logs
            $0.trickleLogDownloads = [dripped: 2]
        }
        let extra = ["--timeout", "2", "--state-dir", directory.file("state")]
        let environment = EndToEnd.environment(home: directory.path)
        let first = try await CommandRunner.run(arguments(emulator, extra, report: "r1.csv"), environment: environment)
        #expect(first.status == 1, "\(first.stderr)")
        let accepted = emulator.service.acceptedCounts()
        #expect(accepted.count == 40)
        let second = try await CommandRunner.run(arguments(emulator, extra, report: "r2.csv"), environment: environment)
        await emulator.stop()
        #expect(second.status == 1, "\(second.stderr)")
        #expect(emulator.service.acceptedCounts() == accepted, "paid twice")
        let skipped = try EndToEnd.report(directory.file("r2.csv")).rows.filter { $0["status"] == "skipped" }
        #expect(skipped.count == 40)
        #expect(
            skipped.allSatisfy {
                !($0["task_id"] ?? "").isEmpty && ($0["error_message"] ?? "").contains("refreshed at")
            })
        #expect(second.stderr.contains("40 skipped"), "\(second.stderr)")
    }
}
