import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Support
import Synchronization

/// Downloads files by signed URL (CDN offline logs) and streams each into a ``DownloadStream``.
///
/// One client for a run's downloads (call ``shutdown()``). A path without a scheme is fetched over HTTPS, as
/// Alibaba's answers print `LogPath` without one; an explicit `http://` is accepted only for a loopback host (the
/// emulator). A download that fails before its first byte (no connection, a 5xx or 429 answer) is tried again, up
/// to ``attempts`` times; one that fails part-way is not (its bytes are already with the reader), and the failure
/// says how far it got. The URL is never logged and never part of a failure's text.
package final class FileDownloader: Sendable {
    /// Tries per file.
    package let attempts: Int
    private let clients: RoutedClients
    private let timeout: Double
    private let bufferLimit: Int
    private let retryDelay: Double
    private let logger: Logger

    /// - Parameters:
    ///   - timeout: seconds for the connection and the answer's head, and the longest silence within a body.
    ///   - bufferLimit: bytes a download may run ahead of its reader.
    ///   - network: the proxy and trust roots (a download goes through `HTTPS_PROXY` unless `NO_PROXY` says
    ///     otherwise).
    package init(
        timeout: Double, maxConnections: Int, attempts: Int = 3, bufferLimit: Int = 1 << 20, retryDelay: Double = 1,
        network: NetworkSettings = .direct, logger: Logger
    ) {
        // No idle-read timeout of the client's: it would also count the time a download waits for its reader (a
        // file started ahead while another is parsed). ``exchange(_:into:)`` watches for silence itself.
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)),
            connectionPool: .init(
                idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnections)),
            decompression: .disabled)
        clients = RoutedClients(network: network, base: configuration, logger: logger)
        self.attempts = max(1, attempts)
        self.timeout = timeout
        self.bufferLimit = bufferLimit
        self.retryDelay = retryDelay
        self.logger = logger
    }

    package func shutdown() async {
        await clients.shutdown()
    }

    /// The URL a `LogPath` is fetched from, or why it is refused (the failure names the file as `name`).
    package static func url(for path: String, name: String) -> Result<String, DownloadFailure> {
        let lowered = path.lowercased()
        if lowered.hasPrefix("https://") { return .success(path) }
        func refused(_ reason: String) -> Result<String, DownloadFailure> {
            .failure(DownloadFailure(name: name, reason: reason, delivered: 0))
        }
        if lowered.hasPrefix("http://") {
            guard let host = URLComponents(string: path)?.host, Endpoint.isLoopback(host) else {
                return refused("the download URL is plain http (only https is accepted, or http to loopback)")
            }
            return .success(path)
        }
        if lowered.contains("://") { return refused("the download URL has a scheme other than https") }
        return .success("https://" + path)
    }

    /// Starts downloading `path` in the background; the stream carries its bytes (and `name` in failures).
    ///
    /// - Parameter renew: asked once for a fresh path when the server answers 403 before the first byte (a signed
    ///   URL that expired while the files before it were read); `nil` when there is none.
    package func start(
        path: String, name: String, renew: (@Sendable () async -> String?)? = nil
    ) -> DownloadStream {
        let stream = DownloadStream(name: name, limit: bufferLimit)
        Task { await self.download(path: path, into: stream, renew: renew) }
        return stream
    }

    private func download(path: String, into stream: DownloadStream, renew: (@Sendable () async -> String?)?) async {
        var url: String
        switch Self.url(for: path, name: stream.name) {
        case .success(let resolved): url = resolved
        case .failure(let failure): return stream.finish(failure: failure)
        }
        var attempt = 0
        var renewed = false
        while true {
            attempt += 1
            let reason = await exchange(url, into: stream)
            guard var reason else { return stream.finish() }
            let delivered = stream.delivered
            if reason.status == 403, delivered == 0, !renewed, !stream.isCancelled, let renew {
                // A signed URL that expired: the file's hour is listed again once, for a fresh one.
                renewed = true
                logger.debug(
                    "Download URL refused; listing the file again", metadata: ["download.name": "\(stream.name)"])
                if let fresh = await renew(), case .success(let resolved) = Self.url(for: fresh, name: stream.name) {
                    url = resolved
                    attempt = 0
                    continue
                }
                reason.text += "; listing it again gave no fresh URL"
            } else if reason.status == 403, renewed {
                reason.text += "; it was listed again once and refused again"
            }
            if delivered > 0 || !reason.retryable || attempt >= attempts || stream.isCancelled {
                let text = reason.text + (delivered == 0 && attempt > 1 ? " (\(attempt) attempts)" : "")
                logger.debug(
                    "Download failed", metadata: ["download.name": "\(stream.name)", "download.attempts": "\(attempt)"])
                return stream.finish(failure: DownloadFailure(name: stream.name, reason: text, delivered: delivered))
            }
            logger.debug(
                "Download failed before its first byte; trying again",
                metadata: ["download.name": "\(stream.name)", "download.attempt": "\(attempt)"])
            try? await Task.sleep(for: .seconds(retryDelay * Double(1 << (attempt - 1))))
        }
    }

    /// Why one attempt failed, and whether another may succeed.
    private struct AttemptFailure {
        var text: String
        var retryable: Bool
        /// The server's status, when it answered with one.
        var status: Int?
    }

    /// The least a download must deliver in any `timeout` seconds of waiting for the server: less is a stall.
    package static let throughputFloor = 64 << 10

    /// One attempt: `nil` when the whole body was pushed (or the reader cancelled).
    ///
    /// A watchdog ends an attempt that waits more than the timeout for the server's next bytes, or whose server
    /// delivers less than ``throughputFloor`` bytes in any timeout's worth of waiting for it (a trickle that
    /// restarts a silence watchdog with every byte). The time the download waits for its reader does not count.
    private func exchange(_ url: String, into stream: DownloadStream) async -> AttemptFailure? {
        let flow = Flow()
        let timeout = self.timeout
        return await withTaskGroup(of: AttemptFailure??.self) { group in
            group.addTask { .some(await self.transfer(url, into: stream, flow: flow)) }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(200))
                    if let stall = flow.stall(window: timeout, floor: Self.throughputFloor) {
                        return .some(AttemptFailure(text: stall, retryable: true))
                    }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? nil
        }
    }

    /// The request and its body, pushed into `stream` part by part.
    private func transfer(_ url: String, into stream: DownloadStream, flow: Flow) async -> AttemptFailure? {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "cdn-refresh/0.1.0")
        let (client, route) = clients.client(for: url)
        if let blocked = route.blocked { return AttemptFailure(text: blocked, retryable: false) }
        do {
            flow.begin()
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            flow.end(bytes: 0)
            let status = Int(response.status.code)
            guard status == 200 else {
                return AttemptFailure(
                    text: status == 403
                        ? "the server answered HTTP 403 (the download URL expired or was refused)"
                        : "the server answered HTTP \(status)",
                    retryable: status >= 500 || status == 429, status: status)
            }
            let expected = response.headers.first(name: "Content-Length").flatMap(Int64.init)
            var received: Int64 = 0
            var body = response.body.makeAsyncIterator()
            while true {
                flow.begin()
                guard let chunk = try await body.next() else { break }
                flow.end(bytes: chunk.readableBytes)
                received += Int64(chunk.readableBytes)
                guard await stream.push(chunk) else { return nil }
            }
            flow.end(bytes: 0)
            if let expected, received < expected {
                return AttemptFailure(
                    text: "the connection ended after \(received) of \(expected) bytes", retryable: false)
            }
            return nil
        } catch {
            flow.end(bytes: 0)
            let failure = await NetworkFailure.failure(
                error, url: url, route: route, gate: clients.gate, timeout: timeout)
            let text = Self.redact(failure.detail, url: url)
            return AttemptFailure(text: text, retryable: !failure.permanent)
        }
    }

    /// What a download's server delivered, timed by the time spent waiting for it (not for the reader).
    private final class Flow: Sendable {
        private struct State {
            /// Since when the download waits for the server, while it does.
            var waitingSince: ContinuousClock.Instant?
            /// Time spent waiting for the server before the current wait.
            var waited: Duration = .zero
            /// Bytes as they arrived, at their time of waiting.
            var arrivals: [(at: Duration, bytes: Int)] = []
        }

        private let state = Mutex(State())

        /// The download waits for the server.
        func begin() {
            state.withLock { $0.waitingSince = $0.waitingSince ?? ContinuousClock.now }
        }

        /// The server delivered `bytes` (0: answered, or ended).
        func end(bytes: Int) {
            state.withLock { state in
                guard let since = state.waitingSince else { return }
                state.waited += ContinuousClock.now - since
                state.waitingSince = nil
                if bytes > 0 { state.arrivals.append((state.waited, bytes)) }
            }
        }

        /// Why the download is stalled, if it is: no bytes for `window` seconds, or fewer than `floor` in the last
        /// `window` seconds of waiting for the server.
        func stall(window seconds: Double, floor: Int) -> String? {
            state.withLock { state in
                let window = Duration.seconds(seconds)
                let current = state.waitingSince.map { ContinuousClock.now - $0 } ?? .zero
                if current > window { return "no data for \(Figures.seconds(seconds, trimmed: true))" }
                let waited = state.waited + current
                guard waited > window else { return nil }
                state.arrivals.removeAll { $0.at <= waited - window }
                let recent = state.arrivals.reduce(0) { $0 + $1.bytes }
                guard recent < floor else { return nil }
                return "stalled: \(recent) bytes in the last \(Figures.seconds(seconds, trimmed: true)), under "
                    + "\(floor >> 10) KiB"
            }
        }
    }

    /// `text` without the URL's query (its signature) or the URL itself.
    static func redact(_ text: String, url: String) -> String {
        var result = text.replacingOccurrences(of: url, with: "<download URL>")
        if let query = url.split(separator: "?", maxSplits: 1).dropFirst().first {
            result = result.replacingOccurrences(of: String(query), with: "<signed query>")
        }
        return result
    }
}
