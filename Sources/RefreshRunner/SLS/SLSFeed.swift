import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// One `sls:PROJECT/LOGSTORE` input read page by page: its counts as a CSV manifest streamed to the reader.
///
/// Pages are `LIMIT offset, 10000` of a stable order, until a short page or `--sls-max-urls`; the next page is asked
/// for while the reader takes the last one (a bounded stream), so memory holds two pages, never the result.
/// An answer SLS marks `Incomplete` is asked again, with backoff, up to ``SLSOptions/incompleteTries`` times; still
/// incomplete, its rows are used and the input is damaged (named, exit 1), never passed off as complete. Failures
/// are retried as API calls are (5xx, throttling, timeouts).
struct SLSFeed: Sendable {
    let source: any SLSQuerying
    let caller: APICaller
    let project: String
    let logstore: String
    let from: Int64
    let to: Int64
    let query: SLSQuery
    let options: SLSOptions
    let tally: SLSTally
    let logger: Logger

    var name: String { InputSource.slsPrefix + project + "/" + logstore }

    /// A page, how many groups were asked for, and whether SLS answered it completely (after the tries).
    struct Fetched: Sendable {
        var page: SLSPage
        var asked: Int
        var complete: Bool

        /// A full page: there may be more after it.
        var isFull: Bool { page.rows.count >= asked }
    }

    /// The page of groups from `offset`, asked again while SLS says it is incomplete.
    func fetch(offset: Int) async throws(APICallError) -> Fetched {
        let count = min(options.pageSize, options.maxURLs - offset)
        let text = query.text(offset: offset, count: count)
        var tries = 0
        while true {
            tries += 1
            let page = try await caller.call(.getLogs) { () async throws(APICallError) in
                try await source.getLogs(
                    project: project, logstore: logstore, from: from, to: to, query: text, line: count, offset: 0)
            }
            if page.complete || tries >= options.incompleteTries {
                return Fetched(page: page, asked: count, complete: page.complete)
            }
            logger.debug(
                "SLS answered incomplete; asking again", metadata: ["input.name": "\(name)", "sls.try": "\(tries)"])
            try? await Task.sleep(for: .seconds(options.incompleteDelay * Double(1 << (tries - 1))))
        }
    }

    /// Pushes `first` and the pages after it into `stream` as manifest lines, then ends it (or fails it, damaged).
    ///
    /// The next page is asked for while this one is pushed, so SLS (or the network) and the reader work at once;
    /// at most two pages are held.
    func stream(after first: Fetched, into stream: DownloadStream) async {
        var prefix = Array((ManifestWriter.header + "\n").utf8)
        var fetched = first
        var offset = fetched.page.rows.count
        while true {
            let more = fetched.isFull && offset < options.maxURLs
            async let upcoming = more ? result(offset: offset) : nil
            guard await push(fetched, into: stream, prefix: &prefix) else { return }
            switch await upcoming {
            case nil:
                return stream.finish()
            case .success(let next)?:
                fetched = next
                offset += next.page.rows.count
            case .failure(let error)?:
                let reason = "\(name): SLS failed part-way: \(error.summary)"
                tally.fail(reason)
                return stream.finish(failure: DownloadFailure(name: name, reason: reason, delivered: stream.delivered))
            }
        }
    }

    /// ``fetch(offset:)`` as a result.
    private func result(offset: Int) async -> Result<Fetched, APICallError> {
        do throws(APICallError) {
            return .success(try await fetch(offset: offset))
        } catch {
            return .failure(error)
        }
    }

    /// Pushes one page's rows; `false` when the stream ended (the reader stopped, or the page was incomplete).
    private func push(_ fetched: Fetched, into stream: DownloadStream, prefix: inout [UInt8]) async -> Bool {
        var bytes = prefix
        prefix = []
        var records = 0
        for row in fetched.page.rows {
            guard let url = Self.url(row, keepQuery: query.keepQuery) else { continue }
            let count = Int(row["hits"] ?? "") ?? 0
            records += count
            let hits = Int((Double(count) / options.samplingRate).rounded())
            let changed = Int64(row["changed"] ?? "")
            ManifestWriter.appendRecord(url: url, type: nil, priority: nil, hits: hits, changed: changed, to: &bytes)
        }
        tally.add(page: fetched.page.rows.count, records: records)
        guard await stream.push(bytes: bytes) else { return false }
        guard fetched.complete else {
            let reason = "\(name): incomplete after \(options.incompleteTries) tries"
            tally.fail(reason)
            stream.finish(failure: DownloadFailure(name: name, reason: reason, delivered: stream.delivered))
            return false
        }
        return true
    }

    /// `scheme://domain uri?uri_param` (`-` for no query); `nil` for a row without a domain or a path.
    static func url(_ row: [String: String], keepQuery: Bool) -> String? {
        guard let domain = row["domain"], !domain.isEmpty, domain != "-", let uri = row["uri"], !uri.isEmpty else {
            return nil
        }
        let scheme = row["scheme"].flatMap { $0.isEmpty || $0 == "-" ? nil : $0 }
        var url = (scheme.map { $0 + "://" } ?? "") + domain + (uri.hasPrefix("/") ? uri : "/" + uri)
        if keepQuery, let parameter = row["uri_param"], !parameter.isEmpty, parameter != "-" { url += "?" + parameter }
        return url
    }
}
