import CDNRefresh
import Foundation
import Logging
import Support
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("Planning pipeline")
struct PlanningPipelineTests {
    let directory = TemporaryDirectory()
    let logger = Logger(label: "test")

    func plan(_ inputs: [String], _ configure: (inout PipelineConfiguration) -> Void = { _ in }) -> (
        Plan, [InputDigest]
    ) {
        var configuration = PipelineConfiguration(inputs: inputs.map(InputSource.file))
        configure(&configuration)
        let pipeline = PlanningPipeline(configuration: configuration)
        let reading = pipeline.readInputs(logger: logger)
        return (pipeline.plan(reading: reading, quota: configuration.quota.resolve(live: nil).quota), reading.digests)
    }

    @Test("a manifest with TAB fields, comments, a BOM and CRLF")
    func manifest() {
        let path = directory.write(
            "m.txt",
            bytes: [0xEF, 0xBB, 0xBF]
                + Array(
                    "# nightly\r\nhttps://cdn.example.com/a.png\r\n\r\ncdn.example.com/static\tdir\t5\r\n/rel.js\r\nhttps://cdn.example.com/b.png\tbogus\r\n"
                        .utf8))
        let (plan, digests) = plan([path]) { $0.normalization.defaultDomain = "cdn.example.com" }
        #expect(digests[0].format == .manifest)
        #expect(plan.batches.map(\.type) == [.directory, .file])
        #expect(plan.batches[0].urls == ["https://cdn.example.com/static/"])
        #expect(Set(plan.batches[1].urls) == ["https://cdn.example.com/a.png", "https://cdn.example.com/rel.js"])
        #expect(plan.invalid.map(\.failure.code) == ["InvalidType"])
        #expect(plan.invalid.first?.source == .line(input: 0, line: 6))
    }

    @Test("a CSV manifest is recognised by its url header")
    func csvManifest() {
        let path = directory.write(
            "m.csv", text: "url,type,priority\n\"https://a.com/x,y.png\",file,1\nhttps://a.com/d,directory,\n")
        let (plan, _) = plan([path])
        #expect(plan.batches.flatMap(\.urls).sorted() == ["https://a.com/d/", "https://a.com/x,y.png"])
    }

    @Test("combined logs: writes are candidates, reads are hits, other lines are ignored or invalid")
    func combinedLog() throws {
        let log = """
            1.1.1.1 - - [24/Nov/2026:01:00:00 +0000] "PUT /a.png HTTP/1.1" 201 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:01 +0000] "GET /a.png HTTP/1.1" 200 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:02 +0000] "GET /a.png HTTP/1.1" 304 0 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:03 +0000] "DELETE b/c.js HTTP/1.1" 204 0 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:04 +0000] "PUT /failed.png HTTP/1.1" 500 0 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:05 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:06 +0000] "POST /\\xE4\\xBD\\xA0.txt HTTP/1.1" 200 0 "-" "-"
            not a log line

            """
        let path = directory.write("access.log.gz", bytes: GzipWriter.compress(log))
        let (plan, digests) = plan([path]) { $0.normalization.defaultDomain = "www.example.com" }
        let digest = try #require(digests.first)
        #expect(digest.format == .combined && digest.wasGzip)
        let urls = plan.batches.flatMap(\.entries)
        #expect(
            urls.map(\.url) == [
                "https://www.example.com/a.png", "https://www.example.com/%E4%BD%A0.txt",
                "https://www.example.com/b/c.js",
            ])
        #expect(urls[0].hits == 2)
        #expect(digest.counters.ignored == 2)
        #expect(plan.invalid.map(\.source) == [.line(input: 0, line: 8)])
    }

    @Test("--methods/--status/--since select reads for incident cleanup")
    func incidentSelection() {
        let log = """
            1.1.1.1 - - [24/Nov/2026:01:59:59 +0800] "GET /early HTTP/1.1" 404 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:02:00:00 +0800] "GET /late HTTP/1.1" 404 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:02:00:01 +0800] "GET /ok HTTP/1.1" 200 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:02:00:02 +0800] "GET /boom HTTP/1.1" 503 5 "-" "-"
            """
        let path = directory.write("incident.log", text: log)
        let (plan, _) = plan([path]) {
            $0.normalization.defaultDomain = "www.example.com"
            $0.selection = SelectionRules(
                methods: ["GET"], statuses: [404...404, 500...599], since: 1_795_456_800, until: nil)
        }
        #expect(Set(plan.batches.flatMap(\.urls)) == ["https://www.example.com/late", "https://www.example.com/boom"])
    }

    @Test("path-only log entries without --domain are invalid rows, not dropped")
    func missingDomain() {
        let path = directory.write(
            "a.log", text: #"1.1.1.1 - - [24/Nov/2026:01:00:00 +0000] "PUT /x HTTP/1.1" 200 5 "-" "-""# + "\n")
        let (plan, _) = plan([path])
        #expect(plan.batches.isEmpty)
        #expect(plan.invalid.map(\.failure.code) == ["MissingDomain"])
    }

    @Test("OSS logs: write operations under a mapped bucket host; CDN fetches and reads are not candidates")
    func ossLog() {
        let lines = [
            OSSLogParserTests.line(operation: "PutObject", method: "PUT", object: "img/a%20b.png", sync: "-"),
            OSSLogParserTests.line(operation: "DeleteObject", method: "DELETE", object: "img/old.png", sync: "-"),
            OSSLogParserTests.line(operation: "PutObject", method: "PUT", object: "img/cdn.png", sync: "cdn"),
            OSSLogParserTests.line(operation: "GetObject", method: "GET", object: "img/a%20b.png", sync: "cdn"),
        ]
        let path = directory.write("oss-log", text: lines.joined(separator: "\n"))
        let (plan, digests) = plan([path]) {
            $0.normalization.domainMap = ["bucket.oss-cn-hangzhou.aliyuncs.com": "img.example.com"]
        }
        #expect(digests[0].format == .oss)
        let entries = plan.batches.flatMap(\.entries)
        #expect(
            Set(entries.map(\.url)) == ["https://img.example.com/img/a%20b.png", "https://img.example.com/img/old.png"])
        #expect(entries.first { $0.url.hasSuffix("a%20b.png") }?.hits == 1)
    }

    @Test("Alibaba CDN logs take the domain from their file name when --domain is absent")
    func aliCDNFileName() {
        let line = #"[24/Nov/2026:01:00:00 +0800] 1.2.3.4 - 10 "-" "DELETE /a.js" 200 10 20 MISS "ua" "text/js""#
        let path = directory.write(
            "static.example.com_2026_11_24_000000_010000_cn.gz", bytes: GzipWriter.compress(line))
        let (plan, _) = plan([path])
        #expect(plan.batches.flatMap(\.urls) == ["https://static.example.com/a.js"])
    }

    @Test("several inputs are one data set: first source wins, occurrences add up")
    func severalInputs() {
        let one = directory.write("one.txt", text: "https://a.com/x\n")
        let two = directory.write("two.txt", text: "https://a.com/y\nhttps://a.com/x\n")
        let (plan, _) = plan([one, two])
        let entries = plan.batches.flatMap(\.entries)
        #expect(entries.map(\.url) == ["https://a.com/x", "https://a.com/y"])
        #expect(entries[0].occurrences == 2)
        #expect(entries[0].source == .line(input: 0, line: 1))
        #expect(entries[1].source == .line(input: 1, line: 1))
    }

    @Test("a truncated input keeps the entries read before the cut and names the damage")
    func truncatedInput() throws {
        let lines = (0..<5000).map { "https://a.com/file-\($0).png" }.joined(separator: "\n")
        let compressed = GzipWriter.compress(lines)
        let path = directory.write("cut.gz", bytes: Array(compressed.prefix(compressed.count * 2 / 3)))
        let (plan, digests) = plan([path]) { $0.quota.urls = 10_000 }
        #expect(digests[0].damage == .truncatedGzip(path: path))
        let planned = plan.batches.flatMap(\.urls).count
        #expect(planned > 1000 && planned < 5000)
        #expect(plan.invalid.map(\.failure.code) == ["IncompleteLine"])
    }

    @Test("an unreadable input is named; the other inputs are still planned")
    func unreadableInput() {
        let good = directory.write("good.txt", text: "https://a.com/ok\n")
        let (plan, digests) = plan([directory.file("missing.txt"), good])
        #expect(
            digests[0].damage == .cannotOpen(path: directory.file("missing.txt"), reason: "No such file or directory"))
        #expect(plan.batches.flatMap(\.urls) == ["https://a.com/ok"])
    }

    @Test("the hits a backlog entry gets from today's reads are those merging gives it: file, IgnoreParams, directory")
    func backlogHitsAgreeWithMerging() throws {
        let log = """
            1.1.1.1 - - [24/Nov/2026:01:00:01 +0000] "GET /a.png HTTP/1.1" 200 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:02 +0000] "GET /a.png HTTP/1.1" 304 0 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:03 +0000] "GET /d/x.png HTTP/1.1" 200 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:04 +0000] "GET /q.js?v=1 HTTP/1.1" 200 5 "-" "-"
            1.1.1.1 - - [24/Nov/2026:01:00:05 +0000] "GET /q.js?v=2 HTTP/1.1" 200 5 "-" "-"

            """
        let path = directory.write("reads.log", text: log)
        var configuration = PipelineConfiguration(inputs: [.file(path)])
        configuration.normalization.defaultDomain = "www.example.com"
        let pipeline = PlanningPipeline(configuration: configuration)
        var reading = pipeline.readInputs(logger: logger)
        let lookup = try #require(reading.backlogHits(directories: true))
        let entries: [(String, EntryType)] = [
            ("https://www.example.com/a.png", .file), ("https://www.example.com/q.js", .ignoreparams),
            ("https://www.example.com/d/", .directory), ("https://www.example.com/never.png", .file),
        ]
        #expect(entries.map { lookup($0.0, $0.1) } == [2, 2, 1, 0])
        let backlog = entries.enumerated().map { ordinal, entry in
            Candidate(
                url: entry.0, type: entry.1, source: .recorded("kept.txt:1"), hits: 10, backlogSince: 1000,
                appearance: Appearance(group: 0, ordinal: ordinal))
        }
        let merged = PlanningPipeline.candidates(from: &reading, backlog: backlog)
        for (url, type) in entries {
            #expect(merged.first { $0.url == url && $0.type == type }?.hits == 10 + lookup(url, type))
        }
        #expect(reading.backlogHits(directories: true) == nil)  // released with the reading's tables
    }

    @Test("backlog entries join the candidates and outrank new ones of equal priority")
    func backlog() {
        let path = directory.write("m.txt", text: "https://a.com/new\nhttps://a.com/old\n")
        var configuration = PipelineConfiguration(inputs: [.file(path)])
        configuration.quota.urls = 1
        let pipeline = PlanningPipeline(configuration: configuration)
        let backlog = [
            Candidate(
                url: "https://a.com/old", type: .file, source: .recorded("yesterday.txt:4"), backlogSince: 1000,
                appearance: Appearance(group: 0, ordinal: 0))
        ]
        let plan = pipeline.plan(
            reading: pipeline.readInputs(logger: logger), backlog: backlog,
            quota: configuration.quota.resolve(live: nil).quota)
        #expect(plan.batches.flatMap(\.urls) == ["https://a.com/old"])
        #expect(plan.batches[0].entries[0].occurrences == 2)
        #expect(plan.batches[0].entries[0].source == .recorded("yesterday.txt:4"))
        #expect(plan.deferred.map(\.url) == ["https://a.com/new"])
    }

    @Test(
        "the lnav corpus: 341 PUT lines, targets without a leading slash",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func lnavCorpus() throws {
        let (plan, digests) = plan([PackageLocations.corpusFile("lnav/access_log.gz")]) {
            $0.normalization.defaultDomain = "www.example.com"
            $0.selection = SelectionRules(methods: ["PUT"], statuses: [100...599])
        }
        let digest = try #require(digests.first)
        #expect(digest.counters.lines == 2492)
        #expect(digest.counters.candidateLines == 341)
        #expect(digest.damage == nil)
        #expect(plan.invalid.isEmpty)
        let urls = plan.batches.flatMap(\.urls)
        #expect(
            urls.allSatisfy { $0.hasPrefix("https://www.example.com/") && !$0.hasPrefix("https://www.example.com//") })
        #expect(urls.contains("https://www.example.com/dolore/do/labore/consectetur/eiusmod/magna"))
    }
}

extension PlanningPipelineTests {
    @Test("after 1,000 invalid lines of one input the rest share one row: count, first and last line")
    func invalidRowsBounded() {
        let junk = (1...1500).map { "ftp://bad.example.com/\($0)" }.joined(separator: "\n")
        let good = directory.write("good.txt", text: "ftp://x\nhttps://a.com/ok\n")
        let (plan, digests) = plan([directory.write("junk.txt", text: junk), good])
        #expect(digests[0].counters.invalid == 1500)
        let rows = plan.invalid.filter { if case .line(0, _) = $0.source { true } else { false } }
        #expect(rows.count == 1001)
        let summary = rows.last
        #expect(summary?.failure.code == "MoreInvalidLines")
        #expect(summary?.source == .line(input: 0, line: 1001))
        #expect(summary?.failure.message.contains("500 more invalid lines in this input, lines 1001 to 1500") == true)
        #expect(plan.invalid.filter { if case .line(1, _) = $0.source { true } else { false } }.count == 1)
    }
}
