import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import Support
import TestSupport
import Testing

/// `cdn:DOMAIN` inputs against the emulator publishing CDN offline logs (`--cdn-logs`).
@Suite("run cdn:DOMAIN: the CDN's own logs through the API", .serialized)
struct CDNLogCommandTests {
    let directory = TemporaryDirectory()
    /// The four hours, UTC+8 00:00 to 04:00 on 2026-11-24.
    static let hours = 0..<4
    static let domains = ["a.example.com", "b.example.com"]
    /// 01:00 to 03:00 UTC+8: the middle two hours.
    static let window = ["--since", "2026-11-24T01:00+08:00", "--until", "2026-11-24T03:00+08:00"]

    /// An hour of one domain's edge log: GETs, some of them 5xx, one path-only record and one broken line.
    static func hour(_ domain: String, _ hour: Int, lines: Int = 60) -> String {
        var text = ""
        for line in 0..<lines {
            let minute = line % 60
            let status = line % 7 == 0 ? 502 : line % 5 == 0 ? 404 : 200
            let target = line == 7 ? "/relative-\(hour).css" : "https://\(domain)/h\(hour)/\(line % 23).png"
            text +=
                "[24/Nov/2026:0\(hour):\(minute < 10 ? "0" : "")\(minute):00 +0800] 203.0.113.9 - 12 \"-\" "
                + "\"GET \(target)\" \(status) 300 \(1000 + line) HIT \"Mozilla/5.0\" \"image/png\"\n"
        }
        return text + "[24/Nov/2026:0\(hour):59:59 +0800] broken\n"
    }

    static func fileName(_ domain: String, _ hour: Int) -> String {
        "\(domain)_2026_11_24_0\(hour)0000_0\(hour + 1)0000.gz"
    }

    /// Writes the logs into `logs/` and returns the directory.
    func publish(lines: Int = 60) -> String {
        let logs = directory.file("logs")
        try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        for domain in Self.domains {
            for hour in Self.hours {
                directory.write(
                    "logs/" + Self.fileName(domain, hour),
                    bytes: GzipWriter.compress(Self.hour(domain, hour, lines: lines)))
            }
        }
        return logs
    }

    func run(_ emulator: RunningEmulator, _ inputs: [String], _ extra: [String], report: String) async throws
        -> CommandResult
    {
        try await CommandRunner.run(
            ["run"] + inputs + [
                "--endpoint", emulator.endpoint.absoluteString, "--report", directory.file(report), "--methods", "GET",
                "--status", "500-599",
            ] + extra, environment: EndToEnd.environment(home: directory.path))
    }

    @Test("the same URLs as the same files read from disk; only the hours that overlap the window are downloaded")
    func sameAsLocal() async throws {
        let logs = publish()
        let remote = try await EndToEnd.emulator { $0.cdnLogsDirectory = logs }
        let viaAPI = try await run(
            remote, Self.domains.map { "cdn:" + $0 }, Self.window + ["--no-state"], report: "cdn.csv")
        let downloads = remote.service.statistics().logDownloads
        await remote.stop()
        let local = try await EndToEnd.emulator()
        let overlapping = Self.domains.flatMap { domain in [1, 2].map { logs + "/" + Self.fileName(domain, $0) } }
        let fromDisk = try await run(local, overlapping, Self.window + ["--no-state"], report: "local.csv")
        await local.stop()

        // One broken line an hour: both runs end partial (exit 1), as a damaged local log does.
        #expect(viaAPI.status == 1 && fromDisk.status == 1, "\(viaAPI.stderr)\n\(fromDisk.stderr)")
        #expect(Set(downloads) == Set(overlapping.map { ($0 as NSString).lastPathComponent }))
        #expect(downloads.count == 4)
        let cdn = try EndToEnd.report(directory.file("cdn.csv"))
        let disk = try EndToEnd.report(directory.file("local.csv"))
        func rows(_ table: CSVTable) -> [String] {
            table.rows.map {
                [$0["url"], $0["type"], $0["status"], $0["hits"], $0["error_code"]].map { $0 ?? "" }.joined(
                    separator: " ")
            }.sorted()
        }
        #expect(rows(cdn) == rows(disk) && cdn.rows.count > 10)
        // The path-only record took the domain of its file's name.
        #expect(cdn.rows.contains { $0["url"] == "https://a.example.com/relative-1.css" })
        let sources = cdn.rows.compactMap { $0["source"] }
        #expect(
            sources.allSatisfy {
                $0.hasPrefix("cdn:a.example.com/a.example.com_2026_11_24_0")
                    || $0.hasPrefix("cdn:b.example.com/b.example.com_2026_11_24_0")
            })
        let invalid = try #require(cdn.rows.first { $0["status"] == "invalid" })
        #expect(invalid["source"]?.hasSuffix(".gz:61") == true)
        #expect(viaAPI.stderr.contains("cdn logs: cdn:a.example.com: 2 files"))
    }

    @Test("a download cut off part-way: exit 1, the file named, the lines before the cut used")
    func cutOff() async throws {
        let logs = directory.file("logs")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var random = SplitMix64(seed: 7)
        let lines = (0..<4000).map { line -> String in
            "[24/Nov/2026:01:00:00 +0800] 203.0.113.9 - 12 \"-\" \"GET https://a.example.com/\(random.next() % 1_000_000).png\" 502 300 1 MISS \"ua\" \"t\""
        }
        let name = Self.fileName("a.example.com", 1)
        let bytes = GzipWriter.compress(lines.joined(separator: "\n") + "\n")
        directory.write("logs/" + name, bytes: bytes)
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = logs
            $0.cutLogDownloadsAfterBytes = bytes.count / 2
            $0.urlQuota = 10_000
        }
        let result = try await run(emulator, ["cdn:a.example.com"], Self.window + ["--no-state"], report: "cut.csv")
        await emulator.stop()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cdn:a.example.com/\(name)"))
        let table = try EndToEnd.report(directory.file("cut.csv"))
        let used = table.rows.filter { $0["status"] == "submitted" || $0["status"] == "deferred" }.count
        #expect(used > 100 && used < 4000, "\(used) of 4000 lines used")
    }

    @Test("a download that goes silent part-way is given up after --timeout: exit 1, the file named, lines kept")
    func stalled() async throws {
        let logs = directory.file("logs")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let name = Self.fileName("a.example.com", 1)
        var random = SplitMix64(seed: 9)
        let lines = (0..<4000).map { _ in
            "[24/Nov/2026:01:00:00 +0800] 203.0.113.9 - 12 \"-\" \"GET https://a.example.com/\(random.next() % 1_000_000).png\" 502 300 1 MISS \"ua\" \"t\""
        }
        let bytes = GzipWriter.compress(lines.joined(separator: "\n") + "\n")
        directory.write("logs/" + name, bytes: bytes)
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = logs
            $0.stallLogDownloadsAfterBytes = bytes.count / 2
            $0.urlQuota = 10_000
        }
        let started = Date()
        let result = try await run(
            emulator, ["cdn:a.example.com"], Self.window + ["--no-state", "--timeout", "1"], report: "stall.csv")
        await emulator.stop()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
        // Silent for --timeout, or (the half it sent being under the floor) too slow over the last --timeout of
        // waiting: whichever the watchdog sees first, the file is named and given up.
        #expect(result.stderr.contains("cdn:a.example.com/\(name)"))
        #expect(result.stderr.contains("no data for 1 s") || result.stderr.contains("in the last 1 s, under 64 KiB"))
        let table = try EndToEnd.report(directory.file("stall.csv"))
        #expect(table.rows.filter { $0["status"] == "submitted" || $0["status"] == "deferred" }.count > 100)
    }

    @Test("a download refused before its first byte (503) is tried again, and nothing is lost")
    func retried() async throws {
        let logs = publish()
        let emulator = try await EndToEnd.emulator {
            $0.cdnLogsDirectory = logs
            $0.failLogDownloads = 1
        }
        let result = try await run(emulator, ["cdn:a.example.com"], Self.window + ["--no-state"], report: "retry.csv")
        let statistics = emulator.service.statistics()
        await emulator.stop()
        #expect(statistics.failedLogDownloads == 1 && statistics.logDownloads.count == 2)
        // Exit 1 only for the broken line of each hour; no input is damaged.
        #expect(result.status == 1 && !result.stderr.contains("downloading"), "\(result.stderr)")
        #expect(result.stderr.contains("cdn logs: cdn:a.example.com: 2 files"))
    }

    @Test("a signed download URL never shows: not on stdout or stderr at trace level, not in the report or the state")
    func secrets() async throws {
        let logs = publish()
        let emulator = try await EndToEnd.emulator { $0.cdnLogsDirectory = logs }
        let state = directory.file("state")
        let result = try await run(
            emulator, ["cdn:a.example.com", "cdn:b.example.com"],
            Self.window + ["--state-dir", state, "--log-level", "trace", "--summary", "json"], report: "secret.csv")
        await emulator.stop()
        #expect(result.status == 1)
        var texts = [
            result.stdout, result.stderr, try String(contentsOfFile: directory.file("secret.csv"), encoding: .utf8),
        ]
        for file in try FileManager.default.contentsOfDirectory(atPath: state) {
            let data = FileManager.default.contents(atPath: state + "/" + file) ?? Data()
            texts.append(String(decoding: data, as: UTF8.self))
        }
        for text in texts {
            for secret in ["Signature=", "OSSAccessKeyId", "Expires=", "/cdn-logs/"] {
                #expect(!text.contains(secret), "\(secret) leaked")
            }
        }
        #expect(result.stderr.contains("a.example.com_2026_11_24_010000_020000.gz"))
    }

    @Test("run --sandbox cdn:DOMAIN: the incident command on the logs the sandbox publishes, no account needed")
    func sandbox() async throws {
        let report = directory.file("sandbox.csv")
        let result = try await CommandRunner.run(
            ["run", "--sandbox", "cdn:www.example.com", "--methods", "GET", "--status", "500-599", "--report", report],
            environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try EndToEnd.report(report)
        #expect(!table.rows.isEmpty && table.rows.allSatisfy { $0["status"] == "submitted" })
        #expect(table.rows.allSatisfy { $0["source"]?.hasPrefix("cdn:www.example.com/www.example.com_") == true })
        #expect(result.stderr.contains("cdn logs: cdn:www.example.com: ") && result.stderr.contains("available"))
    }
}
