import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// systemd stops a unit with SIGTERM: the run stops sending, settles what is in flight, writes its report and its
/// metrics, and says so in its exit code.
@Suite("faults: SIGTERM and SIGINT", .serialized)
struct SignalTests {
    let directory = TemporaryDirectory()

    @Test(
        "SIGTERM mid-run: nothing more is sent, the report and metrics are written, exit 143; the rerun pays for nothing twice"
    )
    func terminated() async throws {
        let emulator = try await EndToEnd.emulator { $0.latencyMilliseconds = 200 }
        let (path, urls) = EndToEnd.manifest(directory, count: 100)
        let environment = EndToEnd.environment(home: directory.path)
        let metrics = directory.file("cdn-refresh.prom")
        func arguments(_ report: String) -> [String] {
            [
                "run", path, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", directory.file("state"),
                "--batch-size", "5", "--concurrency", "1", "--report", report, "--metrics-file", metrics,
            ]
        }
        let first = try CommandRunner.start(arguments(directory.file("r1.csv")), environment: environment)
        let deadline = Date().addingTimeInterval(30)
        while emulator.service.acceptedCounts().count < 10 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        first.kill(SIGTERM)
        let stopped = await first.wait()
        let acceptedBefore = emulator.service.acceptedCounts()
        #expect(stopped.status == 143 && !stopped.signaled, "\(stopped.status) \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopped by SIGTERM"), "\(stopped.stderr)")
        #expect(acceptedBefore.count < 100)
        let report = try EndToEnd.report(directory.file("r1.csv"))
        #expect(report.rows.count == 100)
        #expect(report.rows.filter { $0["status"] == "submitted" }.count == acceptedBefore.count)
        #expect(report.rows.filter { $0["error_code"] == "Stopped" }.count == 100 - acceptedBefore.count)
        #expect(try String(contentsOfFile: metrics, encoding: .utf8).contains("cdn_refresh_last_run_success 0"))

        let second = try await CommandRunner.run(arguments(directory.file("r2.csv")), environment: environment)
        await emulator.stop()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
    }
}
