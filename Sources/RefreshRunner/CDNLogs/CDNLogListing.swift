import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// Turns each `cdn:DOMAIN` input into one remote input per hourly log file overlapping the run's window, listed
/// through `DescribeCdnDomainLogs` under the run's rate limiter.
///
/// The window is `[--since, --until)`; without them, the last 24 hours (`--since` alone: until now; `--until`
/// alone: the 24 hours before it). A domain whose logs cannot be listed becomes an input that cannot be opened
/// (named on standard error, exit 1), and the others go ahead. Downloads start when the reader takes a file, with
/// ``ahead`` more started behind it so the next file's bytes are on their way while one is parsed.
package struct CDNLogListing: Sendable {
    let source: any CDNLogSource
    let caller: APICaller
    let logger: Logger
    /// Downloads started beyond the one being read.
    var ahead = 2
    /// Files asked for per page (the API's largest).
    var pageSize = 1000

    package init(source: any CDNLogSource, caller: APICaller, logger: Logger) {
        self.source = source
        self.caller = caller
        self.logger = logger
    }

    /// The window the logs are listed for.
    package static func window(_ selection: SelectionRules, now: Date) -> (start: Date, end: Date) {
        let end = selection.until.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? now
        let start = selection.since.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? end - 86400
        return (start, end)
    }

    /// `configuration` with its `cdn:` inputs listed, and what each listing found.
    package func expand(_ configuration: PipelineConfiguration, now: Date) async -> (
        PipelineConfiguration, [CDNLogCoverage]
    ) {
        let (start, end) = Self.window(configuration.selection, now: now)
        let queue = DownloadQueue(source: source, ahead: ahead)
        var coverage: [CDNLogCoverage] = []
        var listed: [String: [InputSource]] = [:]
        for case .cdnLogs(let domain) in configuration.allInputs where listed[domain] == nil {
            let (inputs, found) = await list(domain, start: start, end: end, queue: queue)
            listed[domain] = inputs
            coverage.append(found)
        }
        var expanded = configuration
        func replace(_ inputs: [InputSource]) -> [InputSource] {
            inputs.flatMap { input -> [InputSource] in
                guard case .cdnLogs(let domain) = input else { return [input] }
                return listed[domain] ?? []
            }
        }
        expanded.inputs = replace(configuration.inputs)
        expanded.hitInputs = replace(configuration.hitInputs)
        queue.prime()
        return (expanded, coverage)
    }

    /// Every page of one domain's logs, as inputs, and the coverage line.
    private func list(_ domain: String, start: Date, end: Date, queue: DownloadQueue) async -> (
        [InputSource], CDNLogCoverage
    ) {
        let name = InputSource.cdnPrefix + domain
        var coverage = CDNLogCoverage(
            input: name, files: 0, bytes: 0, windowStart: DomainLogName.chinaTime(start, withDate: true),
            windowEnd: DomainLogName.chinaTime(end, withDate: true))
        var files: [DomainLogFile] = []
        do {
            var page = 1
            while page <= 100 {
                let number = page
                let source = self.source
                let size = pageSize
                let answer = try await caller.call(.describeCdnDomainLogs) { () async throws(APICallError) in
                    try await source.listLogs(
                        domain: domain, start: start, end: end, pageNumber: number, pageSize: size)
                }
                files += answer.logs.filter { $0.start.map { $0 < end } ?? true && $0.end.map { $0 > start } ?? true }
                if answer.logs.isEmpty || page * size >= answer.total { break }
                page += 1
            }
        } catch {
            coverage.failure = "\(error)"
            logger.debug("Listing CDN logs failed", metadata: ["input.name": "\(name)"])
            return ([.unavailable(name: name, reason: "its logs could not be listed: \(error)")], coverage)
        }
        var seen: Set<String> = []
        files = files.filter { seen.insert($0.name).inserted }.sorted {
            ($0.start ?? .distantPast, $0.name) < ($1.start ?? .distantPast, $1.name)
        }
        coverage.files = files.count
        coverage.bytes = files.reduce(0) { $0 + $1.size }
        if let last = files.compactMap(\.end).max(), last < end {
            coverage.availableUntil = DomainLogName.chinaTime(last, withDate: true)
        }
        logger.debug(
            "Listed CDN logs",
            metadata: [
                "input.name": "\(name)", "cdn_logs.files": "\(files.count)", "cdn_logs.bytes": "\(coverage.bytes)",
            ])
        let inputs = files.map { file in
            let index = queue.add(file, name: name + "/" + file.name)
            return InputSource.remote(
                RemoteInput(name: name + "/" + file.name, fileName: file.name, open: { queue.open(index) }))
        }
        return (inputs, coverage)
    }
}
