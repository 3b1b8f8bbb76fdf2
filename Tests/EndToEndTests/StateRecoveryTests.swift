import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("state: crash recovery, backlog, lock", .serialized)
struct StateRecoveryTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func arguments(_ emulator: RunningEmulator, _ extra: [String], report: String) -> [String] {
        ["run", "--endpoint", emulator.endpoint.absoluteString, "--state-dir", state, "--report", report] + extra
    }

    func waitUntil(timeout: Double = 30, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else {
                Issue.record("timed out waiting")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("SIGKILL mid-run, run again: every URL accepted exactly once")
    func killedMidRun() async throws {
        let emulator = try await EndToEnd.emulator { $0.latencyMilliseconds = 300 }
        let (path, urls) = EndToEnd.manifest(directory, count: 1200)
        let environment = EndToEnd.environment(home: directory.path)
        let first = try CommandRunner.start(
            arguments(emulator, [path, "--batch-size", "40", "--concurrency", "2"], report: directory.file("r1.csv")),
            environment: environment)
        try await waitUntil { emulator.service.acceptedCounts().count >= 200 }
        first.kill(SIGKILL)
        let killed = await first.wait()
        #expect(killed.signaled)
        let acceptedBeforeKill = emulator.service.acceptedCounts().count
        #expect(acceptedBeforeKill < 1200)

        let second = try await CommandRunner.run(
            arguments(emulator, [path, "--batch-size", "40", "--concurrency", "2"], report: directory.file("r2.csv")),
            environment: environment)
        await emulator.stop()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let table = try EndToEnd.report(directory.file("r2.csv"))
        #expect(table.rows.count == 1200)
        #expect(table.rows.allSatisfy { $0["status"] == "submitted" })
        let skipped = table.rows.filter { $0["error_message"]!.contains("interrupted run") }
        #expect(skipped.count == acceptedBeforeKill)
    }

    @Test("dropped connections after acceptance: no URL is accepted twice")
    func droppedConnections() async throws {
        let emulator = try await EndToEnd.emulator {
            $0.dropRate = 0.3
            $0.seed = 5
        }
        let (path, urls) = EndToEnd.manifest(directory, count: 400)
        let result = try await CommandRunner.run(
            arguments(
                emulator, [path, "--batch-size", "20", "--max-attempts", "10", "--timeout", "5"],
                report: directory.file("r.csv")),
            environment: EndToEnd.environment(home: directory.path))
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(emulator.service.statistics().dropped > 0)
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let table = try EndToEnd.report(directory.file("r.csv"))
        #expect(table.rows.filter { $0["error_message"]!.contains("confirmed by DescribeRefreshTasks") }.count > 0)
    }

    @Test("quota 2,000 with 5,000 URLs: day 1 sends 2,000 and keeps 3,000; day 2 sends the next 2,000 from the backlog")
    func backlogCarriesOver() async throws {
        let environment = EndToEnd.environment(home: directory.path)
        let (path, urls) = EndToEnd.manifest(directory, count: 5000)
        let dayOne = try await EndToEnd.emulator()
        let first = try await CommandRunner.run(
            arguments(dayOne, [path, "--collapse", "off"], report: directory.file("d1.csv")), environment: environment)
        await dayOne.stop()
        #expect(first.status == 0, "\(first.stderr)")
        let firstTable = try EndToEnd.report(directory.file("d1.csv"))
        #expect(firstTable.rows(status: "submitted").count == 2000)
        #expect(firstTable.rows(status: "deferred").count == 3000)
        let list = try await CommandRunner.run(["backlog", "list", "--state-dir", state], environment: environment)
        #expect(list.stdout.split(separator: "\n").count == 3001)
        let top = try await CommandRunner.run(
            ["backlog", "list", "--state-dir", state, "--limit", "3"], environment: environment)
        #expect(
            top.stdout.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "\t" } }
                == urls[2000..<2003].map { Substring($0) })
        #expect(top.stderr.contains("3 of 3000 backlog entries"))
        // `plan` reads what a run with its budget would: the best 100 of the 3,000, not the whole backlog.
        let preview = try await CommandRunner.run(
            [
                "plan", "--state-dir", state, "--quota-urls", "100", "--quota-dirs", "0", "--collapse", "off",
                "--report", directory.file("p.csv"),
            ], stdin: [], environment: environment)
        #expect(preview.status == 0, "\(preview.stderr)")
        let previewTable = try EndToEnd.report(directory.file("p.csv"))
        #expect(previewTable.rows(status: "planned").compactMap { $0["url"] } == Array(urls[2000..<2100]))
        #expect(previewTable.rows.count == 100)
        #expect(preview.stderr.contains("2,900 carried over untouched"), "\(preview.stderr)")

        // A fresh emulator is a new day: a full quota. No input: only the backlog.
        let dayTwo = try await EndToEnd.emulator()
        let second = try await CommandRunner.run(
            arguments(dayTwo, ["--collapse", "off"], report: directory.file("d2.csv")), stdin: [],
            environment: environment)
        await dayTwo.stop()
        #expect(second.status == 0, "\(second.stderr)")
        let secondTable = try EndToEnd.report(directory.file("d2.csv"))
        let dayTwoURLs = Set(secondTable.rows(status: "submitted").compactMap { $0["url"] })
        #expect(dayTwoURLs.count == 2000)
        #expect(dayTwoURLs.isDisjoint(with: dayOne.service.acceptedCounts().keys))
        #expect(dayTwoURLs.isSubset(of: urls))
        #expect(Array(urls[2000..<4000]).allSatisfy(dayTwoURLs.contains))
        #expect(secondTable.rows.allSatisfy { $0["source"]!.hasPrefix(path) })
        let remaining = try await CommandRunner.run(
            ["backlog", "list", "--state-dir", state], environment: environment)
        #expect(remaining.stdout.split(separator: "\n").count == 1001)
        let cleared = try await CommandRunner.run(["backlog", "clear", "--state-dir", state], environment: environment)
        #expect(cleared.status == 0 && cleared.stderr.contains("removed 1000"))
    }

    @Test(
        "a second run on the same state exits 75 at once, naming the holder's pid; files are 0600 in a 0700 directory")
    func concurrentRunsAndModes() async throws {
        let emulator = try await EndToEnd.emulator { $0.latencyMilliseconds = 1500 }
        let environment = EndToEnd.environment(home: directory.path)
        let (path, _) = EndToEnd.manifest(directory, count: 2)
        let first = try CommandRunner.start(
            arguments(emulator, [path, "--batch-size", "1", "--concurrency", "1"], report: directory.file("a.csv")),
            environment: environment)
        try await waitUntil { (emulator.service.statistics().calls["DescribeRefreshQuota"] ?? 0) > 0 }
        let started = Date()
        let second = try await CommandRunner.run(
            arguments(emulator, [path], report: directory.file("b.csv")), environment: environment)
        #expect(second.status == 75)
        #expect(second.stderr.contains("pid \(first.pid)"))
        #expect(Date().timeIntervalSince(started) < 10)
        let firstResult = await first.wait()
        await emulator.stop()
        #expect(firstResult.status == 0, "\(firstResult.stderr)")

        func mode(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int ?? 0) & 0o777
        }
        #expect(mode(state) == 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: state) {
            #expect(mode("\(state)/\(file)") == 0o600, "\(file)")
        }
        #expect(mode(directory.file("a.csv")) == 0o600)
    }
}
