import Foundation
import TestSupport
import Testing

/// Collapsing through the command line: the incident manifest in the sandbox, and the logs that must keep
/// a directory from being collapsed.
@Suite("collapse: when the URL quota is short", .serialized)
struct CollapseCommandTests {
    let directory = TemporaryDirectory()

    /// An incident manifest: `directories` × `files` files under `/assets/<d>/`, in that order.
    func incidentManifest(directories: Int, files: Int) -> String {
        var lines: [String] = []
        for directory in 0..<directories {
            for file in 0..<files { lines.append("https://www.example.com/assets/\(directory)/f\(file).js") }
        }
        return directory.write("incident.txt", text: lines.joined(separator: "\n") + "\n")
    }

    /// One combined-log line.
    func logLine(_ method: String, _ path: String, second: Int) -> String {
        let time = String(format: "[24/Nov/2026:01:%02d:%02d +0800]", (second / 60) % 60, second % 60)
        return "203.0.113.9 - - \(time) \"\(method) \(path) HTTP/1.1\" 200 512 \"-\" \"curl/8.0\""
    }

    func plan(_ arguments: [String]) async throws -> (CommandResult, CSVTable) {
        let result = try await CommandRunner.run(
            ["plan", "--no-state", "--domain", "www.example.com"] + arguments,
            environment: ["HOME": directory.path], currentDirectory: directory.path)
        return (result, CSVTable(result.stdout))
    }

    @Test("10,000 files under 100 directories through run --sandbox: 80 directories and 2,000 files, 0 deferred")
    func incidentInTheSandbox() async throws {
        let manifest = incidentManifest(directories: 100, files: 100)
        let report = directory.file("incident.csv")
        let result = try await CommandRunner.run(
            ["run", manifest, "--sandbox", "--report", report], environment: ["HOME": directory.path],
            currentDirectory: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try EndToEnd.report(report)
        #expect(table.rows(status: "deferred").isEmpty)
        let directories = table.rows.filter { $0["type"] == "directory" }
        #expect(directories.count == 80)
        #expect(directories.allSatisfy { $0["status"] == "submitted" && $0["url"]!.hasSuffix("/") })
        #expect(directories.allSatisfy { $0["source"] == "collapsed from 100 files" })
        #expect(table.rows.filter { $0["type"] == "file" && $0["status"] == "submitted" }.count == 2000)
        let covered = table.rows(status: "covered")
        #expect(covered.count == 8000)
        // Each covered file names its directory and carries that directory's request and task.
        let directoryRows = Dictionary(uniqueKeysWithValues: directories.map { ($0["url"]!, $0) })
        #expect(
            covered.allSatisfy { row in
                guard let covering = directoryRows[row["covered_by"]!] else { return false }
                return row["url"]!.hasPrefix(covering["url"]!) && row["request_id"] == covering["request_id"]
                    && row["task_id"] == covering["task_id"] && !row["task_id"]!.isEmpty
            })
        #expect(
            result.stderr.contains(
                "8,000 files covered by 80 directories and 0 IgnoreParams entries; "
                    + "without collapsing 8,000 would have been deferred"))
    }

    @Test("a hot directory with one changed file among many read-only URLs is not collapsed, even at --collapse-min 1")
    func hotDirectoryInALog() async throws {
        var lines: [String] = []
        // 30 changed files in /cold/ (nothing else is read there) and one in /hot/, beside 300 read-only URLs.
        for file in 0..<30 { lines.append(logLine("PUT", "/cold/f\(file).js", second: file)) }
        lines.append(logLine("PUT", "/hot/changed.css", second: 30))
        for file in 0..<300 { lines.append(logLine("GET", "/hot/r\(file).png", second: 31 + file % 60)) }
        let log = directory.write("hot.log", text: lines.joined(separator: "\n") + "\n")
        let (result, table) = try await plan([log, "--quota-urls", "10", "--collapse-min", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let directories = table.rows.filter { $0["type"] == "directory" }.compactMap { $0["url"] }
        #expect(directories == ["https://www.example.com/cold/"])
        #expect(!table.rows.contains { $0["covered_by"] == "https://www.example.com/hot/" })
        #expect(
            table.rows.contains { $0["url"] == "https://www.example.com/hot/changed.css" && $0["status"] == "planned" })
    }

    @Test("--hits-from: reads in another input count against a directory and add hits, never candidates")
    func hitsFrom() async throws {
        let manifest = incidentManifest(directories: 1, files: 20)
        let arguments = [manifest, "--quota-urls", "5"]
        let (alone, aloneTable) = try await plan(arguments)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(
            aloneTable.rows.filter { $0["type"] == "directory" }.map { $0["url"] } == [
                "https://www.example.com/assets/0/"
            ])

        // Today's access log read 100 other URLs under the same directory, and one of the changed files 7 times.
        var lines = (0..<100).map { logLine("GET", "/assets/0/other\($0).png", second: $0) }
        lines += (0..<7).map { logLine("GET", "/assets/0/f19.js", second: $0) }
        lines.append(logLine("PUT", "/assets/0/written-today.js", second: 59))
        let log = directory.write("today.log", text: lines.joined(separator: "\n") + "\n")
        let (withReads, table) = try await plan(arguments + ["--hits-from", log])
        #expect(withReads.status == 0, "\(withReads.stderr)")
        #expect(table.rows.allSatisfy { $0["type"] == "file" })
        #expect(table.rows(status: "planned").count == 5 && table.rows(status: "deferred").count == 15)
        // The hits rank the file the log read first; the log's own write is not a candidate.
        #expect(table.rows.first?["url"] == "https://www.example.com/assets/0/f19.js")
        #expect(table.rows.first?["hits"] == "7")
        #expect(!table.rows.contains { $0["url"]!.contains("written-today") })
    }
}
