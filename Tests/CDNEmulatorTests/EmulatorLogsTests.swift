import AlibabaCDN
import CDNRefresh
import Foundation
import Support
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: CDN offline logs")
struct EmulatorLogsTests {
    let directory = TemporaryDirectory()

    /// Four hours (UTC+8 02:00 to 06:00 on 2026-11-24) for two domains, and a file of another name.
    func harness(synthetic: Bool = false) -> Harness {
        for domain in ["a.example.com", "b.example.com"] {
            for hour in 2..<6 {
                directory.write(
                    "\(domain)_2026_11_24_0\(hour)0000_0\(hour + 1)0000.gz",
                    bytes: GzipWriter.compress("\(domain) \(hour)\n"))
            }
        }
        directory.write("notes.txt", text: "not a log")
        var configuration = EmulatorConfiguration()
        configuration.cdnLogsDirectory = directory.path
        configuration.syntheticLogs = synthetic
        // 2026-11-24 08:30 UTC+8.
        return Harness(configuration, start: APITimestamp.parse("2026-11-24T00:30:00Z"))
    }

    func list(_ harness: Harness, _ domain: String, _ start: String?, _ end: String?, page: Int = 1, size: Int = 300)
        throws -> DomainLogsPage
    {
        var query = ["DomainName": domain, "PageNumber": String(page), "PageSize": String(size)]
        query["StartTime"] = start
        query["EndTime"] = end
        let answer = harness.call(APIRequest(.describeCdnDomainLogs, query: query))
        #expect(answer.status == 200, "\(answer.json)")
        return try answer.decode(DomainLogsPage.self)
    }

    @Test("DescribeCdnDomainLogs lists the hours that overlap the window, in pages, with signed download URLs")
    func listing() throws {
        let harness = harness()
        // 03:30 to 05:00 UTC+8 overlaps the 03:00 and 04:00 files.
        let page = try list(harness, "a.example.com", "2026-11-23T19:30:00Z", "2026-11-23T21:00:00Z")
        #expect(
            page.logs.map(\.name) == [
                "a.example.com_2026_11_24_030000_040000.gz", "a.example.com_2026_11_24_040000_050000.gz",
            ])
        #expect(page.total == 2 && page.logs[0].start == APITimestamp.parse("2026-11-23T19:00:00Z"))
        #expect(page.logs.allSatisfy { $0.path.contains("OSSAccessKeyId=") && $0.path.contains("Signature=") })
        let first = try list(harness, "a.example.com", nil, nil, page: 1, size: 3)
        let second = try list(harness, "a.example.com", nil, nil, page: 2, size: 3)
        #expect(first.total == 4 && first.logs.count == 3 && second.logs.count == 1)
        #expect(try list(harness, "c.example.com", nil, nil).logs.isEmpty)
        #expect(harness.call(APIRequest(.describeCdnDomainLogs, query: [:])).code == "MissingParameter")
    }

    @Test("a download needs the URL's signature, before it expires; every download served is counted")
    func downloads() throws {
        let harness = harness()
        let file = try #require(try list(harness, "b.example.com", nil, nil).logs.first)
        let parts = try #require(URLComponents(string: file.path))
        func get(_ query: String?) -> EmulatorReply? {
            harness.service.handleLogDownload(
                EmulatorRequest(method: "GET", path: parts.path, query: query ?? "", headers: [], body: []))
        }
        let served = try #require(get(parts.percentEncodedQuery))
        #expect(served.status == 200 && served.body == GzipWriter.compress("b.example.com 2\n"))
        #expect(
            get(parts.percentEncodedQuery?.replacingOccurrences(of: "Signature=", with: "Signature=x"))?.status == 403)
        #expect(get(nil)?.status == 403)
        harness.clock.advance(by: harness.service.configuration.logURLLifetime + 1)
        #expect(get(parts.percentEncodedQuery)?.status == 403)
        #expect(harness.service.statistics().logDownloads == [file.name])
    }

    @Test("the sandbox's made-up logs: an hour's traffic as alicdn lines, published an hour after the hour ends")
    func synthetic() throws {
        let harness = harness(synthetic: true)
        let page = try list(harness, "www.example.com", "2026-11-23T20:00:00Z", "2026-11-24T00:30:00Z")
        // 04:00 to 08:30 UTC+8 at 08:30: 04:00, 05:00 and 06:00 are out; 07:00 ends at 08:00, within the hour.
        #expect(
            page.logs.map(\.name) == [
                "www.example.com_2026_11_24_040000_050000.gz", "www.example.com_2026_11_24_050000_060000.gz",
                "www.example.com_2026_11_24_060000_070000.gz",
            ])
        let name = try #require(AliCDNFileName(fileName: page.logs[0].name))
        let bytes = try #require(harness.service.logs.contents(of: name.fileName))
        #expect(bytes.prefix(2) == [0x1f, 0x8b] && Int64(bytes.count) == page.logs[0].size)
        // The same name always gives the same bytes; another hour, others.
        #expect(EmulatorLogCatalog.synthesize(name) == bytes)
        let next = try #require(AliCDNFileName(fileName: page.logs[1].name))
        #expect(EmulatorLogCatalog.synthesize(next) != bytes)
    }
}
