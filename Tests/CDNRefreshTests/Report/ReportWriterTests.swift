import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("CSV report")
struct ReportWriterTests {
    let directory = TemporaryDirectory()

    func encode(_ row: ReportRow) -> String {
        var output: [UInt8] = []
        CSVEncoding.appendRecord(row, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test("the header is exactly the design's")
    func header() {
        var output: [UInt8] = []
        CSVEncoding.appendHeader(to: &output)
        #expect(
            String(decoding: output, as: UTF8.self)
                == "url,type,status,priority,hits,occurrences,source,batch,attempts,http_status,error_code,error_message,request_id,task_id,task_status,covered_by,prefetch,prefetch_task_id,verify\n"
        )
    }

    @Test("RFC 4180 quoting: commas and quotes are quoted, quotes doubled; a line break is escaped, one row one line")
    func quoting() {
        var row = ReportRow(url: "https://a.com/a,b", type: .file, status: .invalid, source: "in.txt:3")
        row.errorMessage = "bad \"quote\"\nnext"
        #expect(
            encode(row) == "\"https://a.com/a,b\",file,invalid,,,,in.txt:3,,,,,\"bad \"\"quote\"\"\\x0Anext\",,,,,,,\n")
    }

    static let formulaCases: [(String, String)] = [
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+1+2", "'+1+2"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("https://a.com/=x", "https://a.com/=x"),
    ]

    @Test("text cells that look like formulas get a leading quote; numbers do not", arguments: formulaCases)
    func formulas(text: String, expected: String) {
        var output: [UInt8] = []
        CSVEncoding.appendField(text, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }

    @Test("numbers, including negative priorities, are written as numbers")
    func numbers() {
        var row = ReportRow(
            url: "u", type: .directory, status: .planned, priority: -5, hits: 0, occurrences: 2, source: "s", batch: 7)
        row.httpStatus = 200
        #expect(encode(row) == "u,directory,planned,-5,0,2,s,7,,200,,,,,,,,,\n")
    }

    @Test("a covered entry names the entry that covers it in the covered_by column")
    func coveredBy() {
        var row = ReportRow(url: "https://a.com/d/x.js", type: .file, status: .covered, source: "m.txt:2")
        row.coveredBy = "https://a.com/d/"
        #expect(encode(row) == "https://a.com/d/x.js,file,covered,,,,m.txt:2,,,,,,,,,https://a.com/d/,,,\n")
    }

    @Test("a report file is written atomically with mode 0600 and replaces an older one")
    func atomicFile() throws {
        let path = directory.file("report.csv")
        directory.write("report.csv", text: "old")
        let rows = [ReportRow(url: "https://a.com/", type: .file, status: .planned, source: "x:1", batch: 1)]
        try ReportWriter.write(rows, to: .file(path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("url,type,status"))
        #expect(text.contains("https://a.com/,file,planned"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("a FIFO, a device or a directory is refused, left as it is: '-' is standard output")
    func notRegular() throws {
        let path = directory.file("report.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        let rows = [ReportRow(url: "https://a.com/x", type: .file, status: .planned, source: "x:1", batch: 1)]
        for destination in [path, "/dev/null", directory.path] {
            #expect(throws: ReportError.refused(.notRegular(destination))) {
                try ReportWriter.write(rows, to: .file(destination))
            }
        }
        var info = stat()
        #expect(lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("a symbolic link keeps pointing at its target, which gets the report")
    func symbolicLink() throws {
        try FileManager.default.createDirectory(atPath: directory.file("reports"), withIntermediateDirectories: true)
        let target = directory.write("reports/today.csv", text: "old")
        let link = directory.file("latest.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let rows = [ReportRow(url: "https://a.com/y", type: .file, status: .planned, source: "x:1", batch: 1)]
        try ReportWriter.write(rows, to: .file(link))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("https://a.com/y,file,planned"))
    }

    @Test("a report in a missing directory fails with a message and leaves nothing behind")
    func unwritable() {
        let path = directory.file("missing/report.csv")
        #expect(throws: ReportError.self) {
            try ReportWriter.write([], to: .file(path))
        }
    }
}

@Suite("Summary")
struct RunSummaryTests {
    @Test("partial when an entry failed or is invalid, or an input is damaged; deferrals are not failures")
    func partial() {
        var summary = RunSummary(command: "run")
        summary.statusCounts = [.submitted: 3, .deferred: 10]
        #expect(!summary.isPartial)
        summary.statusCounts[.invalid] = 1
        #expect(summary.isPartial)
        var damaged = RunSummary(command: "plan")
        damaged.damagedInputs = [.truncatedGzip(path: "a.gz")]
        #expect(damaged.isPartial)
    }

    @Test("the text names counts, requests and quota")
    func text() {
        var summary = RunSummary(command: "plan")
        summary.inputCount = 1
        summary.statusCounts = [.planned: 1200, .deferred: 3]
        summary.requests = 2
        summary.quotaStart = .documentedDefaults
        summary.quotaLeft = RefreshQuota(urls: 800, directories: 100, regex: 20, ignoreParams: 100)
        summary.invalidCodes = ["MissingDomain": 4]
        let text = summary.render()
        #expect(text.contains("1,200 planned, 3 deferred — 2 requests"))
        #expect(text.contains("800 of 2,000 URLs"))
        #expect(text.contains("--domain"))
    }
}
