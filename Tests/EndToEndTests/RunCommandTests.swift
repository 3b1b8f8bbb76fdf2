import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

@Suite("run against the emulator", .serialized)
struct RunCommandTests {
    let directory = TemporaryDirectory()

    func run(
        _ emulator: RunningEmulator, _ arguments: [String],
        secret: String = EmulatorConfiguration.sandboxAccessKeySecret, token: String? = nil
    )
        async throws -> (CommandResult, CSVTable)
    {
        var environment = EndToEnd.environment(home: directory.path, secret: secret)
        environment["ALIBABA_CLOUD_SECURITY_TOKEN"] = token
        let report = directory.file("report-\(UUID().uuidString).csv")
        let result = try await CommandRunner.run(
            [
                "run", "--endpoint", emulator.endpoint.absoluteString, "--report", report, "--state-dir",
                directory.file("state"),
            ]
                + arguments,
            environment: environment)
        let table = FileManager.default.fileExists(atPath: report) ? try EndToEnd.report(report) : CSVTable("")
        return (result, table)
    }

    @Test("every URL is accepted exactly once, in requests of at most 1,000")
    func acceptsEveryURLOnce() async throws {
        let emulator = try await EndToEnd.emulator()
        let (path, urls) = EndToEnd.manifest(directory, count: 1500)
        let (result, table) = try await run(emulator, [path])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let submitted = table.rows(status: "submitted")
        #expect(submitted.count == 1500)
        #expect(Set(submitted.compactMap { $0["batch"] }) == ["1", "2"])
        #expect(
            submitted.allSatisfy {
                $0["attempts"] == "1" && $0["http_status"] == "200" && !$0["request_id"]!.isEmpty
                    && !$0["task_id"]!.isEmpty
            })
        #expect(result.stderr.contains("1,500 submitted"))
    }

    @Test("503s on some requests are retried and nothing is lost")
    func retriesServerErrors() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.errorRate = 0.4
            $0.seed = 11
        }
        let (path, urls) = EndToEnd.manifest(directory, count: 300)
        let (result, table) = try await run(emulator, [path, "--batch-size", "20", "--max-attempts", "10"])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.statistics().injectedErrors > 0)
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        #expect(table.rows(status: "submitted").count == 300)
        #expect(table.rows.contains { Int($0["attempts"] ?? "0")! > 1 })
        #expect(result.stderr.contains("retries") || result.stderr.contains("retry"))
    }

    @Test("a throttling API is survived: Throttling.User is retried after x-acs-retry-after")
    func survivesThrottling() async throws {
        let emulator = try await EndToEnd.emulator { $0.qps = 3 }
        let (path, urls) = EndToEnd.manifest(directory, count: 60)
        let (result, table) = try await run(emulator, [path, "--batch-size", "4", "--max-attempts", "20"])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.statistics().throttled > 0)
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        #expect(table.rows(status: "submitted").count == 60)
    }

    @Test("the plan is trimmed to the live quota; the rest is deferred")
    func trimsToLiveQuota() async throws {
        let emulator = try await EndToEnd.emulator { $0.urlQuota = 100 }
        let (path, _) = EndToEnd.manifest(directory, count: 250)
        let (result, table) = try await run(emulator, [path, "--reserve-urls", "10", "--collapse", "off"])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(table.rows(status: "submitted").count == 90)
        #expect(table.rows(status: "deferred").count == 160)
        #expect(result.stderr.contains("from DescribeRefreshQuota"))
    }

    @Test("a bad URL in a 1,000-URL batch costs only itself")
    func badURLCostsOnlyItself() async throws {
        let emulator = try await EndToEnd.emulator()
        var (_, urls) = EndToEnd.manifest(directory, count: 1000)
        let bad = "https://www.example.com/" + String(repeating: "x", count: 1100)
        urls[421] = bad
        let path = directory.write("with-bad.txt", text: urls.joined(separator: "\n"))
        let (result, table) = try await run(emulator, [path])
        await emulator.stop()
        #expect(result.status == 1)
        let failed = table.rows(status: "failed")
        #expect(failed.map { $0["url"] } == [bad])
        #expect(failed.first?["error_code"] == "InvalidObjectPath.Malformed")
        #expect(failed.first?["http_status"] == "400")
        #expect(table.rows(status: "submitted").count == 999)
        #expect(emulator.service.acceptedCounts().count == 999)
    }

    @Test("--wait reports Complete")
    func waitReportsComplete() async throws {
        let emulator = try await EndToEnd.emulator { $0.completeAfterSeconds = 1 }
        let (path, _) = EndToEnd.manifest(directory, count: 30)
        let (result, table) = try await run(emulator, [path, "--wait", "--poll-interval", "0.3", "--batch-size", "10"])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(table.rows(status: "complete").count == 30)
        #expect(table.rows.allSatisfy { $0["task_status"] == "Complete" })
    }

    @Test("a wrong secret exits 2 with the API's code and a hint; nothing is lost")
    func wrongSecret() async throws {
        let emulator = try await EndToEnd.emulator()
        let (path, _) = EndToEnd.manifest(directory, count: 5)
        let (result, table) = try await run(emulator, [path], secret: "not-the-secret")
        await emulator.stop()
        #expect(result.status == 2)
        #expect(result.stderr.contains("SignatureDoesNotMatch"))
        #expect(result.stderr.contains("secret is probably wrong"))
        #expect(table.rows(status: "deferred").count == 5)
        #expect(emulator.service.acceptedCounts().isEmpty)
    }

    @Test("no credentials at all exits 2 with instructions")
    func noCredentials() async throws {
        let result = try await CommandRunner.run(
            ["run", "--no-state", "--endpoint", "http://127.0.0.1:9"], stdin: [], environment: ["HOME": directory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"))
    }

    @Test("the README's first command: a sample through the sandbox, no account needed")
    func sandbox() async throws {
        let result = try await CommandRunner.run(
            ["run", "samples/access.log.gz", "--domain", "www.example.com", "--sandbox", "--wait"],
            environment: ["HOME": directory.path], currentDirectory: PackageLocations.root)
        #expect(result.status == 0, "\(result.stderr)")
        let table = CSVTable(result.stdout)
        #expect(table.rows(status: "complete").count == 9)
        #expect(!FileManager.default.fileExists(atPath: directory.file(".local/state/cdn-refresh")))
    }

    @Test("secrets and STS tokens never reach the report, the state, or the output")
    func secretsStayPrivate() async throws {
        let secret = "Sup3r-Secret-Value-Never-Print"
        let token = "CAIS-Sts-Token-Never-Print"
        let emulator = try await EndToEnd.emulator { $0.accessKeySecret = secret }
        let (path, _) = EndToEnd.manifest(directory, count: 20)
        let (good, _) = try await run(emulator, [path, "--log-level", "trace"], secret: secret, token: token)
        let (bad, _) = try await run(emulator, [path, "--log-level", "trace"], secret: secret + "-wrong", token: token)
        await emulator.stop()
        #expect(good.status == 0 && bad.status == 2)
        for text in [good.stdout, good.stderr, bad.stdout, bad.stderr] {
            #expect(!text.contains(secret) && !text.contains(token))
        }
        for file in try FileManager.default.subpathsOfDirectory(atPath: directory.path) {
            let data = FileManager.default.contents(atPath: directory.file(file)) ?? Data()
            #expect(data.range(of: Data(secret.utf8)) == nil && data.range(of: Data(token.utf8)) == nil, "\(file)")
        }
    }
}
