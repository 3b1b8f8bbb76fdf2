import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// systemd stops a unit with SIGTERM and kills it 90 s later: every phase of a run ends within 10 s of the signal,
/// with the report and metrics written, exit 143, and a journal from which the next run pays for nothing twice.
@Suite("faults: SIGTERM in every phase", .serialized)
struct StopEveryPhaseTests {
    let directory = TemporaryDirectory()

    /// One phase to stop in: how the emulator makes it last, the run's options, and when the run is in it.
    struct Phase: Sendable, CustomTestStringConvertible {
        var name: String
        var configure: @Sendable (inout EmulatorConfiguration) -> Void = { _ in }
        var options: [String] = []
        /// Read CDN logs (`cdn:a.example.com`) instead of a manifest of 30 URLs.
        var cdnLogs = false
        /// Read the manifest through a FIFO that never ends.
        var fifo = false
        /// The run is in the phase.
        var inPhase: @Sendable (EmulatorStatistics, Int) -> Bool
        /// Options of the rerun that checks nothing is paid twice (`nil`: the phase sent nothing to pay for).
        var rerun: [String]?

        var testDescription: String { name }
    }

    static func calls(_ statistics: EmulatorStatistics, _ action: String) -> Int { statistics.calls[action] ?? 0 }

    static let phases: [Phase] = [
        Phase(
            name: "listing", configure: { $0.listingDelay = 30 }, cdnLogs: true,
            inPhase: { statistics, _ in calls(statistics, "DescribeCdnDomainLogs") >= 1 }),
        Phase(
            name: "downloading", configure: { $0.trickleLogDownloads = ["*": 0.5] }, options: ["--timeout", "60"],
            cdnLogs: true, inPhase: { statistics, _ in !statistics.logDownloads.isEmpty }),
        Phase(name: "reading", fifo: true, inPhase: { _, _ in true }),
        Phase(
            name: "quota", configure: { $0.latencyMilliseconds = 30_000 }, options: ["--timeout", "60"],
            inPhase: { statistics, _ in calls(statistics, "DescribeRefreshQuota") >= 1 }),
        Phase(
            name: "submission", configure: { $0.latencyMilliseconds = 1500 },
            options: ["--batch-size", "5", "--concurrency", "1"],
            inPhase: { statistics, _ in calls(statistics, "RefreshObjectCaches") >= 2 }, rerun: []),
        Phase(
            name: "retry backoff", configure: { $0.errorRate = 1 },
            options: ["--quota-urls", "100", "--quota-dirs", "10", "--max-attempts", "20"],
            inPhase: { statistics, _ in calls(statistics, "RefreshObjectCaches") >= 3 }),
        Phase(
            name: "pacing", options: ["--domain-urls-per-minute", "10", "--batch-size", "10"],
            inPhase: { _, accepted in accepted >= 10 }, rerun: ["--domain-urls-per-minute", "1000"]),
        Phase(
            name: "waiting", configure: { $0.completeAfterSeconds = 300 }, options: ["--wait"],
            inPhase: { statistics, _ in calls(statistics, "DescribeRefreshTaskById") >= 1 }, rerun: []),
        Phase(
            name: "prefetch",
            configure: {
                $0.completeAfterSeconds = 0.5; $0.latencyMilliseconds = 1500
            },
            options: ["--prefetch", "all", "--batch-size", "10", "--poll-interval", "0.5"],
            inPhase: { statistics, _ in calls(statistics, "PushObjectCache") >= 1 }, rerun: []),
        Phase(
            name: "verify",
            configure: {
                $0.completeAfterSeconds = 0.5; $0.syntheticEdge = true; $0.edgeDelay = 30
            },
            options: ["--verify", "all", "--poll-interval", "0.5", "--timeout", "60"],
            inPhase: { statistics, _ in statistics.edgeRequests >= 1 }, rerun: []),
    ]

    @Test(
        "stopped within 10 s, exit 143, report and metrics written; the rerun pays for nothing twice", arguments: phases
    )
    func stop(phase: Phase) async throws {
        let logs = NoHangTests(directory: directory).publishForStop()
        let emulator = try await EndToEnd.emulator {
            $0.urlQuota = 100_000
            $0.cdnLogsDirectory = logs
            phase.configure(&$0)
        }
        let port = emulator.endpoint.port ?? 0
        let urls = (0..<30).map { "http://www.example.com/p/\($0).png" }
        var input = directory.write("urls-\(phase.name).txt", text: urls.joined(separator: "\n") + "\n")
        let writer = phase.fifo ? try FIFOWriter(path: directory.file("fifo"), text: urls[0] + "\n") : nil
        if let writer { input = writer.path }
        let report = directory.file("\(phase.name).csv")
        let metrics = directory.file("\(phase.name).prom")
        let state = directory.file("state-\(phase.name)")
        var arguments = ["run"] + (phase.cdnLogs ? ["cdn:a.example.com"] + NoHangTests.window : [input])
        arguments += [
            "--endpoint", emulator.endpoint.absoluteString, "--state-dir", state, "--metrics-file", metrics,
            "--connect-to", "www.example.com:80:127.0.0.1:\(port)", "--methods", phase.cdnLogs ? "GET" : "PUT",
            "--status", phase.cdnLogs ? "500-599" : "200-299",
        ]
        let command = try CommandRunner.start(
            arguments + ["--report", report] + phase.options, environment: EndToEnd.environment(home: directory.path))
        let deadline = Date().addingTimeInterval(60)
        while command.isRunning && Date() < deadline {
            let ready = phase.inPhase(emulator.service.statistics(), emulator.service.acceptedCounts().count)
            if ready && (writer?.isOpen ?? true) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(200))  // well inside the phase
        #expect(command.isRunning, "the run ended before it could be stopped in \(phase.name)")
        let signalled = Date()
        command.kill(SIGTERM)
        let stopped = await command.wait()
        let took = Date().timeIntervalSince(signalled)
        writer?.close()
        #expect(took < 10, "\(phase.name): \(took) s after SIGTERM")
        #expect(stopped.status == 143 && !stopped.signaled, "\(phase.name): \(stopped.status) \(stopped.stderr)")
        #expect(FileManager.default.fileExists(atPath: report), "\(phase.name): no report")
        #expect(
            (try? String(contentsOfFile: metrics, encoding: .utf8))?.contains("cdn_refresh_last_run_success 0") == true,
            "\(phase.name): no metrics")
        if let rerun = phase.rerun {
            let manifest = directory.write("rerun-\(phase.name).txt", text: urls.joined(separator: "\n") + "\n")
            let again = try await CommandRunner.run(
                [
                    "run", manifest, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", state, "--methods",
                    "PUT", "--report", directory.file("rerun-\(phase.name).csv"),
                ] + rerun,
                environment: EndToEnd.environment(home: directory.path))
            #expect(again.status == 0, "\(phase.name) rerun: \(again.stderr)")
            #expect(emulator.service.acceptedCounts().values.allSatisfy { $0 == 1 }, "\(phase.name): paid twice")
        } else if phase.name != "retry backoff" {
            #expect(emulator.service.acceptedCounts().isEmpty, "\(phase.name): sent something")
        }
        await emulator.stop()
    }
}

extension NoHangTests {
    /// Three hours of a.example.com's logs, for the phases that read CDN logs.
    func publishForStop() -> String { publish() }
}

/// A FIFO that a test writes a few lines into and keeps open: the run reading it waits for more, as on a pipe that
/// says nothing.
final class FIFOWriter: @unchecked Sendable {
    // @unchecked: `descriptor` is set once by the opening thread, then read under the lock.
    let path: String
    private let lock = NSLock()
    private var descriptor: Int32 = -1

    init(path: String, text: String) throws {
        self.path = path
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.EEXIST) }
        let bytes = Array(text.utf8)
        Thread.detachNewThread {
            // Blocks until the run opens it for reading.
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            self.lock.lock()
            self.descriptor = fd
            self.lock.unlock()
        }
    }

    /// Whether the run has opened it (and got the first lines).
    var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return descriptor >= 0
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}
