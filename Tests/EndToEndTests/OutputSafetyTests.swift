import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Reports and metrics go only where they may, and that is known before anything is sent.
@Suite("faults: where the report and metrics go", .serialized)
struct OutputSafetyTests {
    let directory = TemporaryDirectory()

    func run(_ emulator: RunningEmulator, _ extra: [String]) async throws -> CommandResult {
        let (path, _) = EndToEnd.manifest(directory, count: 3)
        return try await CommandRunner.run(
            ["run", path, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state")]
                + extra, environment: EndToEnd.environment(home: directory.path))
    }

    @Test("--report naming the state database or an input: exit 64 before anything is sent, nothing lost")
    func collisions() async throws {
        let emulator = try await EndToEnd.emulator()
        let (path, urls) = EndToEnd.manifest(directory, count: 3)
        let first = try await run(emulator, ["--report", directory.file("r.csv"), "--quota-urls", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        let calls = emulator.service.statistics().calls.values.reduce(0, +)
        let onState = try await run(emulator, ["--report", directory.file("state/state.sqlite")])
        #expect(onState.status == 64, "\(onState.stderr)")
        #expect(onState.stderr.contains("the state database"))
        let onInput = try await run(emulator, ["--report", path])
        #expect(onInput.status == 64, "\(onInput.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == urls.joined(separator: "\n") + "\n")
        #expect(emulator.service.statistics().calls.values.reduce(0, +) == calls)
        let backlog = try await CommandRunner.run(["backlog", "list", "--state-dir", directory.file("state")])
        #expect(backlog.status == 0 && backlog.stdout.contains(urls[2]))
        await emulator.stop()
    }

    @Test("a report directory that does not exist: exit 2 before the first API call")
    func missingDirectory() async throws {
        let emulator = try await EndToEnd.emulator()
        let result = try await run(emulator, ["--report", directory.file("no/such/dir/r.csv")])
        await emulator.stop()
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--report"))
        #expect(emulator.service.statistics().calls.values.reduce(0, +) == 0)
    }

    @Test(
        "a report link planted by another user in a shared directory is not followed: exit 64, the target untouched",
        .enabled(if: Requirement.root.runs, Requirement.root.missing), .requires(.root))
    func plantedLink() async throws {
        let emulator = try await EndToEnd.emulator()
        let shared = directory.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o1777)
        let precious = directory.write("precious.conf", text: "root's own\n")
        let link = shared + "/report.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: precious)
        #expect(lchown(link, 65534, 65534) == 0)
        let result = try await run(emulator, ["--report", link])
        await emulator.stop()
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("owned by another user"))
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "root's own\n")
        #expect(emulator.service.statistics().calls.values.reduce(0, +) == 0)
    }
}
