import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("quota, tasks, emulator", .serialized)
struct OtherCommandTests {
    let directory = TemporaryDirectory()

    @Test("quota prints the remaining quota; --json for scripts")
    func quota() async throws {
        let emulator = try await EndToEnd.emulator { $0.urlQuota = 1234 }
        let environment = EndToEnd.environment(home: directory.path)
        let json = try await CommandRunner.run(
            ["quota", "--endpoint", emulator.endpoint.absoluteString, "--json"], environment: environment)
        let table = try await CommandRunner.run(
            ["quota", "--endpoint", emulator.endpoint.absoluteString], environment: environment)
        await emulator.stop()
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["urls"] as? [String: Int])?["remaining"] == 1234)
        #expect(table.stdout.contains("urls\t1234\t1234"))
    }

    @Test("quota and tasks accept --sandbox like run: no account, no credentials")
    func sandbox() async throws {
        let environment = ["HOME": directory.path]
        let quota = try await CommandRunner.run(["quota", "--sandbox", "--json"], environment: environment)
        #expect(quota.status == 0, "\(quota.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(quota.stdout.utf8)) as? [String: Any]
        #expect((object?["urls"] as? [String: Int])?["remaining"] == 2000)
        let tasks = try await CommandRunner.run(["tasks", "70000001", "--sandbox"], environment: environment)
        #expect(tasks.status == 0 && tasks.stderr.contains("no tasks found for 70000001"), "\(tasks.stderr)")
    }

    @Test("--summary json: one JSON object on stderr with the report's counts, even with --quiet")
    func summaryJSON() async throws {
        let report = directory.file("r.csv")
        let result = try await CommandRunner.run(
            [
                "run", PackageLocations.samples + "/access.log.gz", "--domain", "www.example.com", "--sandbox",
                "--wait",
                "--report", report, "--summary", "json", "--quiet",
            ], environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any], "\(result.stderr)")
        let table = try EndToEnd.report(report)
        let entries = try #require(object["entries"] as? [String: Int])
        #expect(entries["complete"] == table.rows(status: "complete").count && entries["complete"] == 9)
        #expect(object["command"] as? String == "run" && object["exit_code"] as? Int == 0)
        #expect((object["quota"] as? [String: Any])?["left"] as? [String: Int] != nil)
    }

    /// Samples of a Prometheus text exposition (`name{labels}` → value); every sample's family has HELP and TYPE.
    static func parsePrometheus(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        var described: Set<String> = []
        var typed: Set<String> = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
            if line.hasPrefix("# HELP ") {
                described.insert(parts[2])
            } else if line.hasPrefix("# TYPE ") {
                #expect(["counter", "gauge"].contains(parts[3]))
                typed.insert(parts[2])
            } else {
                let value = try #require(parts.count == 2 ? Double(parts[1]) : nil, "\(line)")
                let family = String(parts[0].prefix { $0 != "{" })
                #expect(described.contains(family) && typed.contains(family), "\(family)")
                samples[parts[0]] = value
            }
        }
        return samples
    }

    @Test("--metrics-file: Prometheus text matching the report's counts; a run that cannot start still writes it")
    func metricsFile() async throws {
        let report = directory.file("m.csv")
        let metrics = directory.file("cdn_refresh.prom")
        let result = try await CommandRunner.run(
            [
                "run", PackageLocations.samples + "/access.log.gz", "--domain", "www.example.com", "--sandbox",
                "--wait", "--report", report, "--metrics-file", metrics, "--quiet",
            ], environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let samples = try Self.parsePrometheus(try String(contentsOfFile: metrics, encoding: .utf8))
        let table = try EndToEnd.report(report)
        #expect(samples["cdn_refresh_entries{status=\"complete\"}"] == Double(table.rows(status: "complete").count))
        #expect(samples["cdn_refresh_last_run_success"] == 1 && samples["cdn_refresh_requests_total"] == 1)
        #expect(samples["cdn_refresh_quota_remaining{type=\"url\"}"] == 1991)
        #expect((samples["cdn_refresh_last_run_timestamp_seconds"] ?? 0) > 1_700_000_000)

        let refused = try await CommandRunner.run(
            [
                "run", PackageLocations.samples + "/access.log.gz", "--domain", "www.example.com", "--no-state",
                "--metrics-file", metrics, "--quiet",
            ], environment: ["HOME": directory.path, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"])
        #expect(refused.status == 2)
        let failed = try Self.parsePrometheus(try String(contentsOfFile: metrics, encoding: .utf8))
        #expect(failed["cdn_refresh_last_run_success"] == 0)
    }

    @Test("history: per quota day, from a journal made by two sandbox runs; TSV on a pipe, JSON with --json")
    func history() async throws {
        let state = directory.file("state")
        for _ in 0..<2 {
            let run = try await CommandRunner.run(
                [
                    "run", PackageLocations.samples + "/access.log.gz", "--domain", "www.example.com", "--sandbox",
                    "--wait", "--state-dir", state, "--report", directory.file("r.csv"), "--prefetch", "3", "--quiet",
                    // The same log twice: without this the second run skips what the first refreshed.
                    "--refresh-again",
                ], environment: ["HOME": directory.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let json = try await CommandRunner.run(["history", "--state-dir", state, "--json"])
        let days = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(days.count == 1)
        #expect(days.first?["urls"] as? Int == 18 && days.first?["accepted"] as? Int == 18)
        #expect(days.first?["runs"] as? Int == 2 && days.first?["prefetch"] as? Int == 6)
        #expect(days.first?["backlog"] as? Int == 0 && days.first?["url_quota_at_start"] as? Int == 2000)
        let table = try await CommandRunner.run(["history", "--state-dir", state])
        let lines = table.stdout.split(separator: "\n")
        #expect(
            lines.first == "day\turls\tdirectories\tignoreparams\tprefetch\taccepted\tfailed\tdeferred\tbacklog\truns")
        #expect(lines.count == 2 && lines[1].hasSuffix("\t18\t0\t0\t0\t2"))
    }

    @Test("tasks prints the status of task IDs")
    func tasks() async throws {
        let emulator = try await EndToEnd.emulator { $0.completeAfterSeconds = 0 }
        let client = CDNClient(
            configuration: ClientConfiguration(endpoint: emulator.endpoint),
            credentials: Credentials(
                accessKeyID: EmulatorConfiguration.sandboxAccessKeyID,
                accessKeySecret: EmulatorConfiguration.sandboxAccessKeySecret, origin: "test"),
            logger: EndToEnd.logger)
        let submitted = try await client.refreshObjectCaches(
            objectPath: "https://a.example.com/1\nhttps://b.example.com/2", objectType: .file)
        await client.shutdown()
        let result = try await CommandRunner.run(
            ["tasks", submitted.taskIDField, "--endpoint", emulator.endpoint.absoluteString],
            environment: EndToEnd.environment(home: directory.path))
        let json = try await CommandRunner.run(
            ["tasks"] + submitted.taskIDs + ["--endpoint", emulator.endpoint.absoluteString, "--json"],
            environment: EndToEnd.environment(home: directory.path))
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Complete\t100%\tfile"))
        #expect(result.stdout.contains("https://b.example.com/2"))
        #expect(
            json.stdout.contains("\"ObjectPath\":\"https:\\/\\/a.example.com\\/1\"")
                || json.stdout.contains("\"ObjectPath\":\"https://a.example.com/1\""))
    }

    @Test("emulator: the first stdout line is exactly 'listening on http://HOST:PORT'; SIGTERM stops it cleanly")
    func emulatorCommand() async throws {
        let process = try CommandRunner.start(["emulator", "--port", "0"], environment: ["HOME": directory.path])
        // The port is printed on the first line; find it by trying the listener the process opened (or, should /proc
        // not show it, by the line itself once the process has ended).
        var port: Int?
        let deadline = Date().addingTimeInterval(60)
        while port == nil && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            port = Self.listeningPort(of: process.pid)
        }
        var answer: [UInt8]?
        if let port {
            answer = await RawSocket.exchange(
                port: port, bytes: Array("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8))
        }
        process.kill(SIGTERM)
        let result = await process.wait()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "listening on http://127.0.0.1:\(port ?? -1)")
        #expect(lines.contains("access key id: \(EmulatorConfiguration.sandboxAccessKeyID)"))
        #expect(String(decoding: answer ?? [], as: UTF8.self).contains("InvalidAction.NotFound"))
        #expect(result.stderr.contains("emulator: 0 calls"))
    }

    /// The TCP port a process listens on, from /proc.
    static func listeningPort(of pid: Int32) -> Int? {
        guard let links = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return nil }
        var inodes: Set<String> = []
        for link in links {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(link)"),
                target.hasPrefix("socket:[")
            {
                inodes.insert(String(target.dropFirst(8).dropLast()))
            }
        }
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return nil }
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
            return Int(fields[1].split(separator: ":")[1], radix: 16)
        }
        return nil
    }
}
