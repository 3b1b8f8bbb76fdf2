import AlibabaCDN
import CDNRefresh
import Foundation
import Logging
import Synchronization
import Testing

@testable import RefreshRunner

/// A domain's logs held in memory, answered a page at a time; downloads are recorded and never fed.
final class FakeLogSource: CDNLogSource {
    struct Listing: Equatable {
        var domain: String
        var start: Date
        var end: Date
        var page: Int
    }

    let files: [String: [DomainLogFile]]
    let failing: Set<String>
    private let calls = Mutex<(listings: [Listing], downloads: [String])>(([], []))

    init(files: [String: [DomainLogFile]], failing: Set<String> = []) {
        self.files = files
        self.failing = failing
    }

    var listings: [Listing] { calls.withLock { $0.listings } }
    var downloads: [String] { calls.withLock { $0.downloads } }

    func listLogs(domain: String, start: Date, end: Date, pageNumber: Int, pageSize: Int)
        async throws(APICallError) -> DomainLogsPage
    {
        calls.withLock { $0.listings.append(Listing(domain: domain, start: start, end: end, page: pageNumber)) }
        if failing.contains(domain) {
            throw .api(APIFailure(httpStatus: 403, body: APIErrorBody(code: "Forbidden", message: "no permission")))
        }
        let all = files[domain] ?? []
        let page = Array(all.dropFirst((pageNumber - 1) * pageSize).prefix(pageSize))
        return DomainLogsPage(logs: page, pageIndex: pageNumber, pageSize: pageSize, total: all.count)
    }

    func download(_ file: DomainLogFile, name: String, renew: @escaping @Sendable () async -> String?)
        -> DownloadStream
    {
        calls.withLock { $0.downloads.append(file.name) }
        return DownloadStream(name: name)
    }

    /// Hourly files of `domain` from `first` (UTC), `count` of them.
    static func hours(_ domain: String, from first: Date, count: Int) -> [DomainLogFile] {
        (0..<count).map { hour in
            let start = first.addingTimeInterval(Double(hour) * 3600)
            let name = AliCDNFileName(domain: domain, start: start, end: start.addingTimeInterval(3600))
            return DomainLogFile(
                name: name.fileName, path: "oss.example/\(name.fileName)?Signature=s", size: 100, start: name.start,
                end: name.end)
        }
    }
}

@Suite("cdn: inputs: listing a domain's logs")
struct CDNLogListingTests {
    // 2026-11-24 08:30 UTC+8.
    let now = APITimestamp.parse("2026-11-24T00:30:00Z")!
    let caller = APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 50)))

    func listing(_ source: FakeLogSource, pageSize: Int = 1000, ahead: Int = 2) -> CDNLogListing {
        var listing = CDNLogListing(source: source, caller: caller, logger: Logger(label: "test"))
        listing.pageSize = pageSize
        listing.ahead = ahead
        return listing
    }

    @Test("the window: --since/--until, else the last 24 hours (or the 24 before --until, or since --since to now)")
    func window() {
        let since: Int64 = 1_795_400_000
        let until: Int64 = 1_795_410_000
        func window(_ since: Int64?, _ until: Int64?) -> (Date, Date) {
            let (start, end) = CDNLogListing.window(SelectionRules(since: since, until: until), now: now)
            return (start, end)
        }
        #expect(window(nil, nil) == (now - 86400, now))
        #expect(window(since, nil) == (Date(timeIntervalSince1970: 1_795_400_000), now))
        #expect(
            window(nil, until) == (
                Date(timeIntervalSince1970: 1_795_410_000 - 86400), Date(timeIntervalSince1970: 1_795_410_000)
            ))
        #expect(
            window(since, until) == (
                Date(timeIntervalSince1970: 1_795_400_000), Date(timeIntervalSince1970: 1_795_410_000)
            ))
    }

    @Test(
        "every page is listed; each file becomes an input named cdn:DOMAIN/LogName, in place, for candidates and hits")
    func expands() async throws {
        let first = APITimestamp.parse("2026-11-23T18:00:00Z")!
        let source = FakeLogSource(files: [
            "a.example.com": FakeLogSource.hours("a.example.com", from: first, count: 5),
            "b.example.com": FakeLogSource.hours("b.example.com", from: first, count: 1),
        ])
        let configuration = PipelineConfiguration(
            inputs: [.file("local.log"), .cdnLogs(domain: "a.example.com")],
            hitInputs: [.cdnLogs(domain: "b.example.com")])
        let (expanded, coverage) = await listing(source, pageSize: 2).expand(configuration, now: now)
        #expect(source.listings.filter { $0.domain == "a.example.com" }.map(\.page) == [1, 2, 3])
        #expect(source.listings.allSatisfy { $0.start == now - 86400 && $0.end == now })
        let names = expanded.inputs.map(\.displayName)
        #expect(names.first == "local.log" && names.count == 6)
        #expect(names[1] == "cdn:a.example.com/a.example.com_2026_11_24_020000_030000.gz")
        #expect(
            expanded.hitInputs.map(\.displayName) == ["cdn:b.example.com/b.example.com_2026_11_24_020000_030000.gz"])
        #expect(coverage.map(\.input) == ["cdn:a.example.com", "cdn:b.example.com"])
        #expect(coverage[0].files == 5 && coverage[0].bytes == 500)
        // The last file ends at 07:00 UTC+8; the window at 08:30.
        #expect(coverage[0].availableUntil == "2026-11-24 07:00 UTC+8")
        #expect(coverage[0].sentence.contains("logs up to 2026-11-24 07:00 UTC+8 available"))
        // The first files' downloads start as soon as the listing ends (two ahead of the first).
        #expect(Set(source.downloads).count == 3)
        // Opening the fourth file starts it and two after it (the last of a, then b's), each once.
        guard case .remote(let remote) = expanded.inputs[4] else { throw ExpansionFailure() }
        _ = remote.open()
        #expect(source.downloads.count == 6 && Set(source.downloads).count == 6)
    }

    struct ExpansionFailure: Error {}

    @Test("a domain whose logs cannot be listed is an input that cannot be opened; the others go ahead")
    func listingFails() async {
        let source = FakeLogSource(
            files: ["b.example.com": FakeLogSource.hours("b.example.com", from: now - 7200, count: 1)],
            failing: ["a.example.com"])
        let configuration = PipelineConfiguration(inputs: [
            .cdnLogs(domain: "a.example.com"), .cdnLogs(domain: "b.example.com"),
        ])
        let (expanded, coverage) = await listing(source).expand(configuration, now: now)
        guard case .unavailable(let name, let reason) = expanded.inputs.first else {
            Issue.record("the failed listing left no input")
            return
        }
        #expect(name == "cdn:a.example.com" && reason.contains("Forbidden"))
        #expect(expanded.inputs.count == 2 && coverage[0].failure != nil && coverage[1].files == 1)
        #expect(coverage[0].sentence.hasPrefix("cdn:a.example.com: not listed"))
    }

    @Test("a window no log overlaps: no input, and the summary says none was published")
    func nothingPublished() async {
        let source = FakeLogSource(files: [:])
        let (expanded, coverage) = await listing(source).expand(
            PipelineConfiguration(inputs: [.cdnLogs(domain: "a.example.com")]), now: now)
        #expect(expanded.inputs.isEmpty && coverage[0].files == 0)
        #expect(coverage[0].sentence.contains("no logs published for that window yet"))
    }
}
