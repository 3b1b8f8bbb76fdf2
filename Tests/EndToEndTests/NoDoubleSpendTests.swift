import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The tool's central promise under every fault the red-team pass found: across kill -9, a full state disk, lost
/// answers, unreadable answers and SIGTERM — each followed by the next run (the backlog and the journal, as the next
/// night's cron job has them) — the API's own record shows every URL accepted at most once, and every input URL
/// either accepted or waiting in the backlog.
@Suite("no double spend under faults", .serialized)
struct NoDoubleSpendTests {
    let directory = TemporaryDirectory()

    @Test("kill -9, a full disk, lost and unreadable answers, SIGTERM: each URL accepted at most once, none lost")
    func faults() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.latencyMilliseconds = 150
            $0.urlQuota = 100_000
        }
        let server = try HostileServer(upstreamPort: emulator.endpoint.port ?? 0)
        let disk = SmallFilesystem.mount(at: directory.file("disk"), megabytes: 16)
        defer { disk?.unmount() }
        let nights = Nights(
            emulator: emulator, server: server, directory: directory,
            state: (disk?.path ?? directory.file("disk")) + "/state")
        try await nights.phase("killed") { run in
            try await nights.waitFor(nights.acceptedCount() + 30)
            run.kill(SIGKILL)
        }
        if let disk {
            try await nights.phase("full-disk") { run in
                try await nights.waitFor(nights.acceptedCount() + 30)
                disk.fill()
                _ = await run.wait()
                disk.free()
            }
        }
        try await nights.phase("lost-answers") { _ in
            server.spoil("RefreshObjectCaches", with: [.none, .drop, .none, .drop, .drop])
        }
        try await nights.phase("unreadable-answers") { _ in
            server.spoil("RefreshObjectCaches", with: [.html, .none, .noTaskID, .empty, .internalErrorBeside, .null])
        }
        try await nights.phase("sigterm") { run in
            try await nights.waitFor(nights.acceptedCount() + 30)
            run.kill(SIGTERM)
        }
        server.stop()
        await emulator.stop()
        // After the next runs every URL of every input was accepted, once.
        let all = nights.inputs.flatMap(\.urls)
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: all.map { ($0, 1) }))
    }
}

/// Nights of cron runs through a hostile server, each a faulty run on a new input and the run after it, with the
/// promise checked after each run: no URL accepted twice, none lost.
private final class Nights {
    let emulator: RunningEmulator
    let server: HostileServer
    let directory: TemporaryDirectory
    let state: String
    private(set) var inputs: [(name: String, urls: [String])] = []

    init(emulator: RunningEmulator, server: HostileServer, directory: TemporaryDirectory, state: String) {
        self.emulator = emulator
        self.server = server
        self.directory = directory
        self.state = state
    }

    /// A new input of 100 URLs: a faulty run on it (`fault` drives it), then the next run (no input: what the
    /// state carries over).
    func phase(_ name: String, _ fault: (RunningCommand) async throws -> Void) async throws {
        let environment = EndToEnd.environment(home: directory.path)
        let (path, urls) = EndToEnd.manifest(directory, count: 100, name: "\(name).txt")
        inputs.append((name, urls))
        let first = try CommandRunner.start(arguments([path], "\(name)-1.csv"), environment: environment)
        try await fault(first)
        _ = await first.wait()
        try await checkPromise(after: name)
        let next = try await CommandRunner.run(arguments([], "\(name)-2.csv"), environment: environment)
        #expect([0, 1].contains(next.status), "\(name): \(next.stderr)")
        try await checkPromise(after: "the run after \(name)")
    }

    func acceptedCount() -> Int { emulator.service.acceptedCounts().count }

    /// Returns once the API accepted `count` URLs (or a minute passed).
    func waitFor(_ count: Int) async throws {
        let deadline = Date().addingTimeInterval(60)
        while acceptedCount() < count && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }

    private func arguments(_ inputs: [String], _ report: String) -> [String] {
        ["run"] + inputs + [
            "--endpoint", server.endpoint, "--state-dir", state, "--batch-size", "5", "--concurrency", "2",
            "--timeout", "3", "--report", directory.file(report),
        ]
    }

    private func checkPromise(after phase: String) async throws {
        let accepted = emulator.service.acceptedCounts()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "\(phase): \(accepted.filter { $0.value > 1 }.count) twice")
        let result = try await CommandRunner.run(["backlog", "list", "--state-dir", state])
        let waiting = Set(result.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) })
        for input in inputs {
            let lost = input.urls.filter { accepted[$0] == nil && !waiting.contains($0) }
            #expect(lost.isEmpty, "\(phase): \(input.name) lost \(lost.count) URLs")
        }
    }
}
