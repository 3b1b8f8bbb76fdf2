import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

/// `run --verify` against the emulator acting as the CDN edge, reached only through `--connect-to` (nothing
/// leaves the machine).
@Suite("run --verify against the emulator's edge", .serialized)
struct VerifyCommandTests {
    let directory = TemporaryDirectory()

    @Test(
        "stale on the edge before; fresh after; a node that kept the old copy is stale, exit 1 (Age, Alibaba, origin)",
        arguments: [
            (EmulatorConfiguration.EdgeStyle.generic, false), (.alibaba, false), (.alibaba, true),
        ])
    func verifyCycle(style: EmulatorConfiguration.EdgeStyle, againstOrigin: Bool) async throws {
        let origin = directory.file("origin")
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        for name in ["a", "b", "c"] { directory.write("origin/\(name).png", text: "\(name) version 1") }
        let emulator = try await EndToEnd.emulator {
            $0.edgeOrigin = origin
            $0.completeAfterSeconds = 1
            $0.edgeKeepsStale = ["http://www.example.com/c.png"]
            $0.edgeStyle = style
        }
        // The origin web server: another emulator's edge over the same directory, asked only after the change.
        let originServer = try await EndToEnd.emulator { $0.edgeOrigin = origin }
        defer { Task { await originServer.stop() } }
        let port = emulator.endpoint.port ?? 0
        let route = "www.example.com:80:127.0.0.1:\(port)"
        let urls = ["a", "b", "c"].map { "http://www.example.com/\($0).png" }

        // The edge caches version 1; then the origin changes: the edge serves a stale copy.
        let probe = HTTPEdgeProbe(connectTo: [try #require(ConnectTo(route))], timeout: 5, maxConnections: 2)
        for url in urls { #expect(try await probe.probe(url).get().xCache?.hasPrefix("MISS") == true) }
        for name in ["a", "b", "c"] { directory.write("origin/\(name).png", text: "\(name) version 2!") }
        let before = try await probe.probe(urls[0]).get()
        #expect(before.xCache?.hasPrefix("HIT") == true && before.length == "a version 1".utf8.count)
        await probe.shutdown()
        try await Task.sleep(for: .milliseconds(1100))

        let manifest = directory.write("urls.txt", text: urls.joined(separator: "\n") + "\n")
        let report = directory.file("report.csv")
        let result = try await CommandRunner.run(
            [
                "run", manifest, "--endpoint", emulator.endpoint.absoluteString, "--no-state", "--report", report,
                "--verify", "all", "--connect-to", route, "--verify-resubmit", "--poll-interval", "0.5",
            ] + (againstOrigin ? ["--verify-origin", originServer.endpoint.absoluteString] : []),
            environment: EndToEnd.environment(home: directory.path))
        await emulator.stop()
        #expect(result.status == 1, "\(result.stderr)")
        let table = try EndToEnd.report(report)
        let verify = Dictionary(uniqueKeysWithValues: table.rows.map { ($0["url"] ?? "", $0["verify"] ?? "") })
        #expect(verify == [urls[0]: "fresh", urls[1]: "fresh", urls[2]: "stale"])
        let stale = try #require(table.rows.first { $0["url"] == urls[2] })
        let reason =
            againstOrigin
            ? "differs from the origin's"
            : style == .alibaba ? "per X-Swift-SaveTime, before the refresh completed" : "per Age ("
        #expect(stale["error_message"]?.contains(reason) == true, "\(stale["error_message"] ?? "")")
        #expect(stale["error_message"]?.contains("resubmitted as a File refresh (task ") == true)
        #expect(emulator.service.acceptedCounts() == [urls[0]: 1, urls[1]: 1, urls[2]: 2])
        #expect(result.stderr.contains("verified through the CDN: 2 fresh, 1 stale, 0 unknown"))
    }

    @Test("run --sandbox --prefetch all --verify all: the refreshed URLs are pushed back, complete, and fresh")
    func sandboxCycle() async throws {
        let (path, urls) = EndToEnd.manifest(directory, count: 12)
        let report = directory.file("sandbox.csv")
        let result = try await CommandRunner.run(
            ["run", path, "--sandbox", "--prefetch", "all", "--verify", "all", "--report", report],
            environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try EndToEnd.report(report)
        #expect(Set(table.rows.compactMap { $0["url"] }) == Set(urls))
        #expect(table.rows.allSatisfy { $0["prefetch"] == "complete" && $0["prefetch_task_id"]?.isEmpty == false })
        #expect(table.rows.allSatisfy { $0["verify"] == "fresh" })
        #expect(result.stderr.contains("prefetched: 12 complete"))
    }
}
