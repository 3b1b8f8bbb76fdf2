import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// Turns each `sls:PROJECT/LOGSTORE` input into one remote input: the URLs SLS counted over the run's window (by
/// default the last hour), read as a manifest of URLs and hits.
///
/// The first page is asked for here, before any input is read: a query SLS refuses (bad credentials, no such project
/// or logstore, an invalid parameter) stops the run (exit 2) with an actionable message. A candidate input counts the
/// records `--methods` and `--status` select; a `--hits-from` input counts reads (GET and HEAD answered 2xx or 304).
package struct SLSExpansion: Sendable {
    let source: any SLSQuerying
    let caller: APICaller
    let options: SLSOptions
    let logger: Logger
    let stop: StopRequest?

    package init(
        source: any SLSQuerying, caller: APICaller, options: SLSOptions, logger: Logger, stop: StopRequest? = nil
    ) {
        self.source = source
        self.caller = caller
        self.options = options
        self.logger = logger
        self.stop = stop
    }

    /// What the expansion found.
    package struct Expanded: Sendable {
        package var configuration: PipelineConfiguration
        package var tallies: [SLSTally] = []
        /// Why the run cannot go on: SLS refused a query for good.
        package var fatal: String?
    }

    /// The window `sls:` inputs count: `[--since, --until)`, by default the hour before `--until` (or now).
    package static func window(_ selection: SelectionRules, now: Date) -> (from: Int64, to: Int64) {
        let to = selection.until ?? Int64(now.timeIntervalSince1970.rounded(.down))
        return (selection.since ?? to - 3600, to)
    }

    /// `configuration` with its `sls:` inputs queried.
    package func expand(_ configuration: PipelineConfiguration, now: Date) async -> Expanded {
        var expanded = Expanded(configuration: configuration)
        let window = Self.window(configuration.selection, now: now)
        func replace(_ inputs: [InputSource], hits: Bool) async -> [InputSource] {
            var result: [InputSource] = []
            for input in inputs {
                guard case .slsLogs(let project, let logstore) = input, expanded.fatal == nil else {
                    result.append(input)
                    continue
                }
                let (replaced, tally, fatal) = await open(
                    project: project, logstore: logstore, window: window, hits: hits, configuration: configuration)
                result.append(replaced)
                if let tally { expanded.tallies.append(tally) }
                expanded.fatal = fatal
            }
            return result
        }
        expanded.configuration.inputs = await replace(configuration.inputs, hits: false)
        expanded.configuration.hitInputs = await replace(configuration.hitInputs, hits: true)
        return expanded
    }

    /// One input: its first page asked for, and a remote input that streams it and the pages after it.
    private func open(
        project: String, logstore: String, window: (from: Int64, to: Int64), hits: Bool,
        configuration: PipelineConfiguration
    ) async -> (InputSource, SLSTally?, fatal: String?) {
        let name = InputSource.slsPrefix + project + "/" + logstore
        let query: SLSQuery
        do {
            let selection = configuration.selection
            query = try SLSQuery(
                purpose: hits ? .hits : .candidates(methods: selection.methods.sorted(), statuses: selection.statuses),
                keepQuery: configuration.normalization.query == .keep,
                domainMap: configuration.normalization.domainMap)
        } catch {
            return (.unavailable(name: name, reason: "\(error)"), nil, "\(name): \(error)")
        }
        let tally = SLSTally(
            SLSCoverage(
                input: name,
                windowStart: AliCDNFileName.chinaTime(
                    Date(timeIntervalSince1970: TimeInterval(window.from)), withDate: true),
                windowEnd: AliCDNFileName.chinaTime(
                    Date(timeIntervalSince1970: TimeInterval(window.to)), withDate: true),
                samplingRate: options.samplingRate))
        let feed = SLSFeed(
            source: source, caller: caller, project: project, logstore: logstore, from: window.from, to: window.to,
            query: query, options: options, tally: tally, logger: logger)
        let call: @Sendable () async -> Result<SLSFeed.Fetched, APICallError> = {
            do throws(APICallError) { return .success(try await feed.fetch(offset: 0)) } catch {
                return .failure(error)
            }
        }
        let first: Result<SLSFeed.Fetched, APICallError>? =
            if let stop { await stop.unlessStopped(call) } else { await call() }
        switch first {
        case nil:
            return (.unavailable(name: name, reason: "querying SLS stopped: the run was told to stop"), tally, nil)
        case .failure(let error):
            let text = "\(name): SLS refused the query: \(error.summary)"
            tally.fail(error.summary)
            let fatal = error.classification == .retryable ? nil : text
            return (.unavailable(name: name, reason: "SLS answered \(error.summary)"), tally, fatal)
        case .success(let page):
            logger.debug("Queried SLS", metadata: ["input.name": "\(name)", "sls.rows": "\(page.page.rows.count)"])
            let stop = self.stop
            return (
                .remote(
                    RemoteInput(name: name, fileName: "", format: .manifest) {
                        let stream = DownloadStream(name: name)
                        stop?.onRequest { _ in stream.stop(reason: "the run was told to stop") }
                        Task { await feed.stream(after: page, into: stream) }
                        return stream
                    }), tally, nil
            )
        }
    }
}
