import AlibabaCDN
import CDNEmulator
import Foundation
import Support
import TestSupport
import Testing

/// `sls:PROJECT/LOGSTORE` inputs against the emulator's Simple Log Service.
@Suite("sls: inputs: real-time logs counted by SLS", .serialized)
struct SLSCommandTests {
    let directory = TemporaryDirectory()
    static let secret = "s3cr3t-for-sls-tests"
    /// The records end a minute before now.
    static let end = Int64(Date().timeIntervalSince1970) - 60

    /// `count` URLs, each failing with 502 one to three times in the hour before ``end``; as JSON lines for the
    /// emulator and as an alicdn log of the same records.
    func records(_ count: Int) -> (jsonl: String, alicdn: String) {
        var json: [String] = []
        var log: [String] = []
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        for index in 0..<count {
            for repeat_ in 0..<(index % 3 + 1) {
                let time = Self.end - 3000 + Int64((index * 7 + repeat_) % 2900)
                let parameter = index % 5 == 0 ? "v=\(index)" : "-"
                json.append(
                    #"{"__time__":\#(time),"domain":"www.example.com","scheme":"https","method":"GET","uri":"/p/\#(index).png","uri_param":"\#(parameter)","return_code":"502"}"#
                )
                let target = "https://www.example.com/p/\(index).png" + (parameter == "-" ? "" : "?" + parameter)
                let stamp = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
                log.append(
                    "[\(stamp)] 203.0.113.9 - 12 \"-\" \"GET \(target)\" 502 300 1000 MISS \"Mozilla/5.0\" \"image/png\""
                )
            }
        }
        return (json.joined(separator: "\n") + "\n", log.joined(separator: "\n") + "\n")
    }

    func emulator(records path: String, _ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws
        -> RunningEmulator
    {
        try await EndToEnd.emulator {
            $0.slsRecordsPath = path
            $0.accessKeySecret = Self.secret
            configure(&$0)
        }
    }

    var window: [String] { ["--since", "-2h", "--until", "now", "--methods", "GET", "--status", "500-599"] }

    func plan(_ emulator: RunningEmulator, _ inputs: [String], report: String, _ extra: [String] = []) async throws
        -> CommandResult
    {
        try await CommandRunner.run(
            ["plan"] + inputs + window + [
                "--sls-endpoint", emulator.endpoint.absoluteString, "--endpoint", emulator.endpoint.absoluteString,
                "--quota-urls", "100000", "--quota-dirs", "100", "--collapse", "off", "--no-state",
                "--report", directory.file(report),
            ] + extra, environment: EndToEnd.environment(home: directory.path, secret: Self.secret))
    }

    /// URL → (hits, occurrences) of a report.
    func counts(_ report: String) throws -> [String: (Int, Int)] {
        var result: [String: (Int, Int)] = [:]
        for row in try EndToEnd.report(directory.file(report)).rows {
            result[row["url"] ?? ""] = (Int(row["hits"] ?? "") ?? -1, Int(row["occurrences"] ?? "") ?? -1)
        }
        return result
    }

    @Test("the URLs planned from sls: are those planned from the same records as an alicdn log (12,000: two pages)")
    func sameAsALog() async throws {
        let (jsonl, alicdn) = records(12_000)
        let emulator = try await emulator(records: directory.write("records.jsonl", text: jsonl))
        let log = directory.write("edge.log.gz", bytes: GzipWriter.compress(alicdn))
        let viaSLS = try await plan(emulator, ["sls:cdn-logs/cdn-access"], report: "sls.csv")
        let fromLog = try await plan(emulator, [log], report: "log.csv")
        let queries = emulator.service.statistics().calls["GetLogs"] ?? 0
        await emulator.stop()
        #expect(viaSLS.status == 0 && fromLog.status == 0, "\(viaSLS.stderr)\n\(fromLog.stderr)")
        #expect(queries == 2, "\(queries) pages")
        let sls = try counts("sls.csv")
        let local = try counts("log.csv")
        #expect(sls.count == 12_000 && Set(sls.keys) == Set(local.keys))
        // SLS counts the matching records as hits; the log counts them as occurrences.
        #expect(sls.allSatisfy { url, counts in counts.0 == local[url]?.1 }, "counts differ")
        #expect(viaSLS.stderr.contains("sls: sls:cdn-logs/cdn-access: 12,000 URLs (24,000 records) counted by SLS"))
    }

    @Test("incomplete twice, then complete: the same plan; always incomplete: named, rows used, exit 1")
    func incomplete() async throws {
        let path = directory.write("records.jsonl", text: records(30).jsonl)
        let twice = try await emulator(records: path) { $0.slsIncomplete = 2 }
        let recovered = try await plan(twice, ["sls:cdn-logs/cdn-access"], report: "twice.csv")
        await twice.stop()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try counts("twice.csv").count == 30)
        let always = try await emulator(records: path) { $0.slsIncomplete = 1000 }
        let damaged = try await plan(always, ["sls:cdn-logs/cdn-access"], report: "always.csv")
        await always.stop()
        #expect(damaged.status == 1, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("sls:cdn-logs/cdn-access: incomplete after 5 tries"), "\(damaged.stderr)")
        #expect(try counts("always.csv").count == 15)  // half of the page: what was received is used
    }

    @Test("a logstore that does not exist: exit 2, and the question to ask")
    func missingLogstore() async throws {
        let emulator = try await emulator(records: directory.write("records.jsonl", text: records(3).jsonl))
        let result = try await plan(emulator, ["sls:cdn-logs/no-such-store"], report: "missing.csv")
        await emulator.stop()
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("LogStoreNotExist") && result.stderr.contains("real-time log delivery enabled"))
    }

    @Test("run: the counted URLs are refreshed; no secret at --log-level trace in output, report or state")
    func noSecrets() async throws {
        let emulator = try await emulator(records: directory.write("records.jsonl", text: records(20).jsonl))
        let state = directory.file("state")
        let result = try await CommandRunner.run(
            ["run", "sls:cdn-logs/cdn-access"] + window + [
                "--sls-endpoint", emulator.endpoint.absoluteString, "--endpoint", emulator.endpoint.absoluteString,
                "--state-dir", state, "--report", directory.file("run.csv"), "--log-level", "trace",
                "--sls-signature", "v1",
            ], environment: EndToEnd.environment(home: directory.path, secret: Self.secret))
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.acceptedCounts().count == 20)
        var everything = result.stdout + result.stderr
        everything += try String(contentsOfFile: directory.file("run.csv"), encoding: .utf8)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? [] {
            everything += String(
                decoding: (try? Data(contentsOf: URL(fileURLWithPath: state + "/" + name))) ?? Data(), as: UTF8.self)
        }
        #expect(!everything.contains(Self.secret))
    }
}

/// Alibaba's own SLS client reads the emulator: its signatures (v1, v4) and both APIs (GetLogs, GetLogsV2).
@Suite(
    "sls: the emulator read by aliyun-log-python-sdk",
    .enabled(if: Requirement.python.runs, Requirement.python.missing),
    .requires(.python))
struct SLSPythonSDKTests {
    let directory = TemporaryDirectory()

    @Test("v1 and v4 signatures, GetLogs and GetLogsV2: the SDK gets the rows SQL counts")
    func sdk() async throws {
        let tests = SLSCommandTests()
        let emulator = try await tests.emulator(
            records: directory.write("records.jsonl", text: tests.records(40).jsonl))
        let script = directory.write(
            "sdk.py",
            text: """
                import sys
                from aliyun.log import LogClient
                endpoint, key_id, secret, start, end = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
                query = "method: GET and return_code in [500 599] | select uri, count(*) as hits group by uri order by uri limit 0, 100"
                for version in ("v1", "v4"):
                    for v2 in (True, False):
                        client = LogClient(endpoint, key_id, secret, auth_version=version, region="cn-hangzhou")
                        # The SDK sends an IP endpoint's requests to the IP itself (Host: project.IP), but takes
                        # "127.0.0.1:PORT" for a name because of its port: say it is an IP.
                        client._isRowIp = True
                        client._get_logs_v2_enabled = v2
                        response = client.get_log("cdn-logs", "cdn-access", start, end, query=query)
                        rows = response.get_logs()
                        total = sum(int(row.get_contents()["hits"]) for row in rows)
                        print(version, "v2" if v2 else "v1-api", len(rows), total, response.is_completed())
                """)
        let endpoint = "127.0.0.1:\(emulator.endpoint.port ?? 0)"
        let output = try await PythonSDK.run(
            script,
            arguments: [
                endpoint, EmulatorConfiguration.sandboxAccessKeyID, SLSCommandTests.secret,
                String(SLSCommandTests.end - 7200), String(SLSCommandTests.end + 60),
            ])
        await emulator.stop()
        #expect(
            output.split(separator: "\n").map(String.init) == [
                "v1 v2 40 79 True", "v1 v1-api 40 79 True", "v4 v2 40 79 True", "v4 v1-api 40 79 True",
            ], "\(output)")
    }
}
