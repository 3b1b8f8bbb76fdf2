import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

/// The state disk fills during a run: nothing more is sent, what was sent is settled, the report is written, and
/// the next run sends nothing twice.
@Suite(
    "faults: a full state disk", .serialized,
    .enabled(if: Requirement.root.runs, Requirement.root.missing), .requires(.root))
struct FullDiskTests {
    let directory = TemporaryDirectory()

    @Test(
        "the state disk fills mid-run: sending stops at once, exit 1, the report is written; the rerun pays for nothing twice"
    )
    func fullStateDisk() async throws {
        let disk = try #require(SmallFilesystem.mount(at: directory.file("disk"), megabytes: 8))
        defer { disk.unmount() }
        let emulator = try await EndToEnd.emulator {
            $0.latencyMilliseconds = 30
            $0.urlQuota = 10_000
        }
        let (path, urls) = EndToEnd.manifest(directory, count: 3000)
        let environment = EndToEnd.environment(home: directory.path)
        func arguments(_ report: String) -> [String] {
            [
                "run", path, "--endpoint", emulator.endpoint.absoluteString, "--state-dir", disk.path + "/state",
                "--batch-size", "10", "--concurrency", "2", "--report", report,
            ]
        }
        let first = try CommandRunner.start(arguments(directory.file("r1.csv")), environment: environment)
        let deadline = Date().addingTimeInterval(60)
        while emulator.service.acceptedCounts().count < 500 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        disk.fill()
        let stopped = await first.wait()
        let acceptedBefore = emulator.service.acceptedCounts()
        #expect(stopped.status == 1, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("the journal could not be written"), "\(stopped.stderr)")
        #expect(acceptedBefore.count < 3000)
        let report = try EndToEnd.report(directory.file("r1.csv"))
        #expect(report.rows.count == 3000)
        #expect(report.rows.contains { $0["error_code"] == "JournalUnwritable" && $0["status"] == "deferred" })
        #expect(report.rows.filter { $0["status"] == "submitted" }.count <= acceptedBefore.count)

        disk.free()
        let second = try await CommandRunner.run(arguments(directory.file("r2.csv")), environment: environment)
        await emulator.stop()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
    }
}
