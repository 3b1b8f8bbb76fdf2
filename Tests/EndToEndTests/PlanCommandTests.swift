import Foundation
import TestSupport
import Testing

@Suite("plan: samples and the real corpus", .serialized)
struct PlanCommandTests {
    let directory = TemporaryDirectory()

    func plan(_ arguments: [String]) async throws -> (CommandResult, CSVTable) {
        let result = try await CommandRunner.run(
            ["plan", "--no-state"] + arguments, environment: ["HOME": directory.path],
            currentDirectory: PackageLocations.root)
        return (result, CSVTable(result.stdout))
    }

    @Test("plan --emit manifest writes the mergeable CSV; fed back twice it gives the same plan with doubled hits")
    func emitManifest() async throws {
        let manifest = directory.file("host-a.csv")
        let (emitted, _) = try await plan([
            "samples/access.log.gz", "--domain", "www.example.com", "--emit", "manifest", "--report", manifest,
        ])
        #expect(emitted.status == 0, "\(emitted.stderr)")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(text.hasPrefix("url,type,priority,hits,changed\n"))
        let lines = CSVTable(text)
        #expect(lines.rows.count == 9 && lines.rows.allSatisfy { $0["changed"]?.hasSuffix("Z") == true })

        let (_, direct) = try await plan(["samples/access.log.gz", "--domain", "www.example.com"])
        let (merged, twice) = try await plan([manifest, manifest])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(twice.rows.map { $0["url"] } == direct.rows.map { $0["url"] })
        #expect(twice.rows.map { $0["status"] } == direct.rows.map { $0["status"] })
        for (once, doubled) in zip(direct.rows, twice.rows) {
            #expect(Int(doubled["hits"] ?? "") == 2 * (Int(once["hits"] ?? "") ?? -1), "\(once["url"] ?? "")")
        }
    }

    @Test("a mergeable manifest's bad hits or changed cells are invalid rows with their line")
    func badManifestCells() async throws {
        let path = directory.write(
            "bad.csv",
            text: "url,hits,changed\nhttps://a.example.com/x,many,\nhttps://a.example.com/y,1,yesterday\n"
                + "https://a.example.com/z,3,2026-11-24T02:00:00+08:00\n")
        let (result, table) = try await plan([path])
        #expect(result.status == 1)
        #expect(table.rows(status: "invalid").compactMap { $0["error_code"] } == ["InvalidHits", "InvalidChanged"])
        #expect(table.rows(status: "planned").first?["hits"] == "3")
    }

    @Test("the nginx sample: writes planned, reads counted as hits, garbage ignored")
    func accessLogSample() async throws {
        let (result, table) = try await plan(["samples/access.log.gz", "--domain", "www.example.com"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            table.header == [
                "url", "type", "status", "priority", "hits", "occurrences", "source", "batch", "attempts",
                "http_status", "error_code", "error_message", "request_id", "task_id", "task_status", "covered_by",
                "prefetch", "prefetch_task_id", "verify",
            ])
        let planned = table.rows(status: "planned")
        #expect(planned.count == 9)
        #expect(planned.first?["url"] == "https://www.example.com/img/logo.png")
        #expect(planned.first?["hits"] == "12")
        #expect(planned.contains { $0["url"] == "https://www.example.com/docs/%E4%B8%AD%E6%96%87/index.html" })
        #expect(planned.contains { $0["url"] == "https://www.example.com/img/products/42/front.jpg" })
        #expect(planned.first { $0["url"] == "https://www.example.com/static/app.css" }?["occurrences"] == "2")
        #expect(!planned.contains { $0["url"]!.contains("private") })
        #expect(result.stderr.contains("9 planned"))
    }

    @Test(
        "manifests: types, priorities, coverage, CSV quoting",
        arguments: ["samples/manifest.txt", "samples/manifest.csv"])
    func manifests(sample: String) async throws {
        let (result, table) = try await plan([sample])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(table.rows(status: "invalid").isEmpty)
        if sample.hasSuffix(".txt") {
            #expect(table.rows.first?["url"] == "https://www.example.com/index.html")
            #expect(table.rows(status: "covered").map { $0["url"] } == ["https://www.example.com/static/app.3f2a.js"])
            #expect(Set(table.rows.compactMap { $0["type"] }) == ["file", "directory", "regex", "ignoreparams"])
        } else {
            #expect(table.rows.contains { $0["url"] == "https://www.example.com/campaign/a,b.html" })
        }
    }

    @Test("the Alibaba CDN sample: incident cleanup of 404 and 5xx reads, domain from the file name")
    func aliCDNSample() async throws {
        let (result, table) = try await plan([
            "samples/static.example.com_2026_11_24_020000_030000_cn.gz", "--methods", "GET", "--status", "404,500-599",
            "--scheme", "http",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Set(table.rows(status: "planned").compactMap { $0["url"] }) == [
                "http://static.example.com/app/main.js", "http://static.example.com/app/vendor.js",
                "http://static.example.com/app/chunk-7.js", "http://static.example.com/fonts/inter.woff2",
            ])
    }

    @Test("the OSS sample: writes under the mapped bucket host")
    func ossSample() async throws {
        let (result, table) = try await plan([
            "samples/oss-img-bucket-2026-11-24-03-00-00-0001", "--domain-map",
            "img-bucket.oss-cn-hangzhou.aliyuncs.com=img.example.com",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Set(table.rows(status: "planned").compactMap { $0["url"] }) == [
                "https://img.example.com/products/42/front.jpg", "https://img.example.com/products/42/back%20side.jpg",
                "https://img.example.com/banners/2026-sale.png", "https://img.example.com/banners/2025-sale.png",
            ])
    }

    @Test("stdin is an input too; --report writes a 0600 file atomically")
    func stdinAndReportFile() async throws {
        let report = directory.file("out.csv")
        let result = try await CommandRunner.run(
            ["plan", "-", "--no-state", "--report", report], stdin: Array("https://a.example.com/x\n".utf8),
            environment: ["HOME": directory.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let table = try EndToEnd.report(report)
        #expect(table.rows.map { $0["source"] } == ["stdin:1"])
        let mode = (try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
    }

    @Test(
        "corpus: 341 PUT lines of the lnav log, most without a leading slash",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func lnavAccessLog() async throws {
        let (result, table) = try await plan([
            PackageLocations.corpusFile("lnav/access_log.gz"), "--domain", "www.example.com", "--methods", "PUT",
            "--status",
            "100-599", "--quota-urls", "10000",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let planned = table.rows(status: "planned")
        #expect(planned.map { Int($0["occurrences"] ?? "0") ?? 0 }.reduce(0, +) == 341)
        #expect(planned.allSatisfy { $0["url"]!.hasPrefix("https://www.example.com/") })
        #expect(planned.contains { $0["url"] == "https://www.example.com/dolore/do/labore/consectetur/eiusmod/magna" })
        #expect(result.stderr.contains("2,492 lines"))
    }

    @Test(
        "corpus: without --domain every path-only write is an invalid row with a hint",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func lnavWithoutDomain() async throws {
        let (result, table) = try await plan([PackageLocations.corpusFile("lnav/access_log.gz")])
        #expect(result.status == 1)
        #expect(!table.rows(status: "invalid").isEmpty)
        #expect(table.rows(status: "invalid").allSatisfy { $0["error_code"] == "MissingDomain" })
        #expect(result.stderr.contains("pass --domain HOST"))
    }

    @Test(
        "corpus: the shop log's encoded Persian paths plan cleanly, reads selected for cleanup",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func shopLog() async throws {
        let (result, table) = try await plan([
            PackageLocations.corpusFile("lnav/shop_access_log"), "--domain", "www.zanbil.ir", "--methods", "GET,HEAD",
            "--quota-urls", "5000",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let urls = table.rows(status: "planned").compactMap { $0["url"] }
        #expect(urls.count > 500)
        #expect(urls.allSatisfy { $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } && !$0.contains("|") })
        #expect(urls.contains { $0.contains("%D9%85%DA%AF%D8%A7%D9%BE%DB%8C%DA%A9%D8%B3%D9%84") })
    }

    @Test(
        "corpus: a malformed line is an invalid row with its file:line; the good lines still count",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func badAccessLog() async throws {
        let path = PackageLocations.corpusFile("lnav/bad_access_log")
        let (result, table) = try await plan([
            path, "--domain", "a.example.com", "--methods", "GET", "--status", "200-299,404",
        ])
        #expect(result.status == 1)
        let invalid = table.rows(status: "invalid")
        #expect(invalid.map { $0["source"] } == ["\(path):2"])
        #expect(invalid.first?["error_code"] == "MalformedLine")
        #expect(table.rows(status: "planned").count == 2)
    }

    @Test(
        "corpus: a corrupt gzip file is named on stderr; the other inputs are still planned",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func brokenGzip() async throws {
        let broken = PackageLocations.corpusFile("lnav/broken.txt.gz")
        let good = directory.write("good.txt", text: "https://a.example.com/ok\n")
        let (result, table) = try await plan([broken, good])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'\(broken)' is a corrupt gzip file"))
        #expect(table.rows(status: "planned").map { $0["url"] } == ["https://a.example.com/ok"])
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            ["plan", "--batch-size", "0"], ["plan", "--status", "abc"], ["plan", "--domain", "bad host"],
            ["run", "--qps", "100"], ["run", "--endpoint", "http://cdn.example.com"], ["plan", "--since", "yesterday"],
        ])
    func usageErrors(arguments: [String]) async throws {
        let result = try await CommandRunner.run(arguments, environment: ["HOME": directory.path])
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }
}
