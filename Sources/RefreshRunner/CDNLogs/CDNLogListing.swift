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
    /// A stop request: no page is asked for after it, the listing in flight is abandoned, and every download stops.
    let stop: StopRequest?

    package init(source: any CDNLogSource, caller: APICaller, logger: Logger, stop: StopRequest? = nil) {
        self.source = source
        self.caller = caller
        self.logger = logger
        self.stop = stop
    }

    /// What a stopped listing or download says.
    static let stoppedReason = "the run was told to stop"

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
        let queue = DownloadQueue(source: source, ahead: ahead) { file, domain in await relist(file, of: domain) }
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
        stop?.onRequest { _ in queue.stop(reason: Self.stoppedReason) }
        queue.prime()
        return (expanded, coverage)
    }

    /// A fresh download URL for `file`: its hour listed again (once, after its URL expired); `nil` when the listing
    /// fails or no longer names the file.
    func relist(_ file: DomainLogFile, of domain: String) async -> String? {
        guard let start = file.start, let end = file.end, stop?.isRequested != true else { return nil }
        let source = self.source
        let size = pageSize
        let answer = try? await caller.call(.describeCdnDomainLogs) { () async throws(APICallError) in
            try await source.listLogs(domain: domain, start: start, end: end, pageNumber: 1, pageSize: size)
        }
        logger.debug("Listed a CDN log file again", metadata: ["cdn_logs.file": "\(file.name)"])
        return answer?.logs.first { $0.name == file.name }?.path
    }

    /// Why `domain`'s logs could not be listed, as a sentence: "listing the logs of a.example.com timed out after 30 s".
    static func listingFailure(_ domain: String, _ error: APICallError) -> String {
        if case .transport(let failure) = error, failure.kind == .timedOut {
            return "listing the logs of \(domain) \(failure.detail)"
        }
        return "listing the logs of \(domain) failed: \(error.message)"
            + (error.code.isEmpty || error.message.contains(error.code) ? "" : " (\(error.code))")
    }

    /// Every page of one domain's logs, as inputs, and the coverage line.
    private func list(_ domain: String, start: Date, end: Date, queue: DownloadQueue) async -> (
        [InputSource], CDNLogCoverage
    ) {
        let name = InputSource.cdnPrefix + domain
        var coverage = CDNLogCoverage(
            input: name, files: 0, bytes: 0, windowStart: AliCDNFileName.chinaTime(start, withDate: true),
            windowEnd: AliCDNFileName.chinaTime(end, withDate: true))
        var files: [DomainLogFile] = []
        do {
            var page = 1
            while page <= 100 {
                guard let outcome = await self.page(page, of: domain, start: start, end: end) else {
                    let sentence = "listing the logs of \(domain) stopped: \(Self.stoppedReason)"
                    coverage.failure = sentence
                    return ([.unavailable(name: name, reason: sentence)], coverage)
                }
                let answer = try outcome.get()
                files += answer.logs.filter { $0.start.map { $0 < end } ?? true && $0.end.map { $0 > start } ?? true }
                if answer.logs.isEmpty || page * pageSize >= answer.total { break }
                page += 1
            }
        } catch {
            let sentence = Self.listingFailure(domain, error)
            coverage.failure = sentence
            logger.debug("Listing CDN logs failed", metadata: ["input.name": "\(name)"])
            return ([.unavailable(name: name, reason: sentence)], coverage)
        }
        return (inputs(of: files, name: name, domain: domain, end: end, queue: queue, coverage: &coverage), coverage)
    }

    /// One page of a domain's logs, under the run's limiter and retries; `nil` when the run is told to stop first.
    private func page(
        _ number: Int, of domain: String, start: Date, end: Date
    ) async -> Result<DomainLogsPage, APICallError>? {
        let source = self.source
        let size = pageSize
        let caller = self.caller
        let call: @Sendable () async -> Result<DomainLogsPage, APICallError> = {
            do throws(APICallError) {
                return .success(
                    try await caller.call(.describeCdnDomainLogs) { () async throws(APICallError) in
                        try await source.listLogs(
                            domain: domain, start: start, end: end, pageNumber: number, pageSize: size)
                    })
            } catch {
                return .failure(error)
            }
        }
        if let stop { return await stop.unlessStopped(call) }
        return await call()
    }

    /// The listed files as inputs, oldest first and each once, queued for download; counted in `coverage`.
    private func inputs(
        of listed: [DomainLogFile], name: String, domain: String, end: Date, queue: DownloadQueue,
        coverage: inout CDNLogCoverage
    ) -> [InputSource] {
        var seen: Set<String> = []
        let files = listed.filter { seen.insert($0.name).inserted }.sorted {
            ($0.start ?? .distantPast, $0.name) < ($1.start ?? .distantPast, $1.name)
        }
        coverage.files = files.count
        coverage.bytes = files.reduce(0) { $0 + $1.size }
        if let last = files.compactMap(\.end).max(), last < end {
            coverage.availableUntil = AliCDNFileName.chinaTime(last, withDate: true)
        }
        logger.debug(
            "Listed CDN logs",
            metadata: [
                "input.name": "\(name)", "cdn_logs.files": "\(files.count)", "cdn_logs.bytes": "\(coverage.bytes)",
            ])
        return files.map { file in
            let index = queue.add(file, name: name + "/" + file.name, domain: domain)
            return InputSource.remote(
                RemoteInput(name: name + "/" + file.name, fileName: file.name, open: { queue.open(index) }))
        }
    }
}
