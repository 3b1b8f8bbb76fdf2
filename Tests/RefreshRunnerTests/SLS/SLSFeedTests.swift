import AlibabaCDN
import CDNRefresh
import Foundation
import Logging
import Synchronization
import Testing

@testable import RefreshRunner

/// A logstore that answers pages of made-up groups, `Incomplete` as often as it is told to.
final class FakeLogstore: SLSQuerying {
    let groups: Int
    private let incomplete: Mutex<Int>
    let queries = Mutex<[String]>([])

    init(groups: Int, incomplete: Int = 0) {
        self.groups = groups
        self.incomplete = Mutex(incomplete)
    }

    func getLogs(project: String, logstore: String, from: Int64, to: Int64, query: String, line: Int, offset: Int)
        async throws(APICallError) -> SLSPage
    {
        queries.withLock { $0.append(query) }
        // "… limit OFFSET, COUNT"
        let limit = query.split(separator: " ").suffix(2).map { Int($0.filter(\.isNumber)) ?? 0 }
        let rows = (limit[0]..<min(groups, limit[0] + limit[1])).map { index in
            [
                "scheme": "https", "domain": "www.example.com", "uri": "/p/\(index).png",
                "uri_param": index % 2 == 0 ? "-" : "v=\(index)", "hits": "\(index % 9 + 1)", "changed": "1796558400",
            ]
        }
        let partial = incomplete.withLock { left -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        return SLSPage(rows: partial ? Array(rows.prefix(rows.count / 2)) : rows, complete: !partial)
    }
}

@Suite("sls: inputs: paged, asked again while incomplete, never passed off as complete")
struct SLSFeedTests {
    func feed(_ store: FakeLogstore, pageSize: Int = 4, maxURLs: Int = 1_000_000, sampling: Double = 1) throws
        -> SLSFeed
    {
        var options = SLSOptions(maxURLs: maxURLs, samplingRate: sampling)
        options.pageSize = pageSize
        options.incompleteDelay = 0.001
        return SLSFeed(
            source: store, caller: APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 50))),
            project: "cdn-logs", logstore: "cdn-access", from: 0, to: 3600,
            query: try SLSQuery(purpose: .candidates(methods: ["GET"], statuses: [500...599]), keepQuery: true),
            options: options,
            tally: SLSTally(SLSCoverage(input: "sls:cdn-logs/cdn-access", windowStart: "a", windowEnd: "b")),
            logger: Logger(label: "test"))
    }

    /// The manifest lines the feed streams, and its failure.
    func read(_ feed: SLSFeed) async throws -> (lines: [String], failure: DownloadFailure?) {
        let first = try await feed.fetch(offset: 0)
        let stream = DownloadStream(name: feed.name, limit: 64)
        let writer = Task { await feed.stream(after: first, into: stream) }
        let (text, failure) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 100)
                var failure: DownloadFailure?
                while true {
                    let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, DownloadFailure> in
                        do throws(DownloadFailure) { return .success(try stream.read(bytesInto: raw)) } catch {
                            return .failure(error)
                        }
                    }
                    guard case .success(let count) = result, count > 0 else {
                        if case .failure(let error) = result { failure = error }
                        break
                    }
                    bytes += buffer[0..<count]
                }
                continuation.resume(returning: (String(decoding: bytes, as: UTF8.self), failure))
            }
        }
        await writer.value
        return (text.split(separator: "\n").map(String.init), failure)
    }

    @Test("pages of LIMIT offset, N until a short page; every group a manifest row with its count as hits")
    func paging() async throws {
        let store = FakeLogstore(groups: 10)
        let feed = try feed(store)
        let (lines, failure) = try await read(feed)
        #expect(failure == nil)
        #expect(lines.first == ManifestWriter.header && lines.count == 11)
        #expect(lines[1] == "https://www.example.com/p/0.png,,,1,2026-12-06T12:00:00Z")
        #expect(lines[2] == "https://www.example.com/p/1.png?v=1,,,2,2026-12-06T12:00:00Z")
        #expect(
            store.queries.withLock { $0.map { $0.components(separatedBy: " limit ").last ?? "" } } == [
                "0, 4", "4, 4", "8, 4",
            ])
        #expect(feed.tally.current.urls == 10 && feed.tally.current.pages == 3)
    }

    @Test("incomplete twice, then complete: the same rows as never incomplete")
    func incompleteThenComplete() async throws {
        let (lines, failure) = try await read(try feed(FakeLogstore(groups: 10, incomplete: 2)))
        let (expected, _) = try await read(try feed(FakeLogstore(groups: 10)))
        #expect(failure == nil && lines == expected)
    }

    @Test("always incomplete: the rows received are used, and the input is damaged, named")
    func alwaysIncomplete() async throws {
        let feed = try feed(FakeLogstore(groups: 10, incomplete: 1000))
        let (lines, failure) = try await read(feed)
        #expect(lines.count == 1 + 2)  // half of the first page, then the damage
        #expect(failure?.reason == "sls:cdn-logs/cdn-access: incomplete after 5 tries")
        #expect(feed.tally.current.failure == failure?.reason)
    }

    @Test("--sls-max-urls bounds the groups read; --sls-sampling-rate divides the counts")
    func bounds() async throws {
        let (lines, _) = try await read(try feed(FakeLogstore(groups: 10), maxURLs: 6, sampling: 0.5))
        #expect(lines.count == 1 + 6)
        #expect(lines[2] == "https://www.example.com/p/1.png?v=1,,,4,2026-12-06T12:00:00Z")
    }
}
