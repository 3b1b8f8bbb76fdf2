import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
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
    package func start(path: String, name: String) -> DownloadStream {
        let stream = DownloadStream(name: name, limit: bufferLimit)
        Task { await self.download(path: path, into: stream) }
        return stream
    }

    private func download(path: String, into stream: DownloadStream) async {
        let url: String
        switch Self.url(for: path, name: stream.name) {
        case .success(let resolved): url = resolved
        case .failure(let failure): return stream.finish(failure: failure)
        }
        var attempt = 0
        while true {
            attempt += 1
            let reason = await exchange(url, into: stream)
            guard let reason else { return stream.finish() }
            let delivered = stream.delivered
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
    }

    /// One attempt: `nil` when the whole body was pushed (or the reader cancelled).
    ///
    /// A watchdog ends an attempt that waits more than the timeout for the server's next bytes; the time the
    /// download waits for its reader does not count.
    private func exchange(_ url: String, into stream: DownloadStream) async -> AttemptFailure? {
        let silence = Silence()
        let timeout = self.timeout
        return await withTaskGroup(of: AttemptFailure??.self) { group in
            group.addTask { .some(await self.transfer(url, into: stream, silence: silence)) }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(200))
                    if silence.lasted(longerThan: timeout) {
                        return .some(AttemptFailure(text: "no data for \(timeout) s", retryable: true))
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
    private func transfer(_ url: String, into stream: DownloadStream, silence: Silence) async -> AttemptFailure? {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "cdn-refresh/0.1.0")
        let (client, route) = clients.client(for: url)
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let status = Int(response.status.code)
            guard status == 200 else {
                return AttemptFailure(
                    text: status == 403
                        ? "the server answered HTTP 403 (the download URL expired or was refused)"
                        : "the server answered HTTP \(status)",
                    retryable: status >= 500 || status == 429)
            }
            let expected = response.headers.first(name: "Content-Length").flatMap(Int64.init)
            var received: Int64 = 0
            var body = response.body.makeAsyncIterator()
            while true {
                silence.begin()
                guard let chunk = try await body.next() else { break }
                silence.end()
                received += Int64(chunk.readableBytes)
                guard await stream.push(chunk) else { return nil }
            }
            silence.end()
            if let expected, received < expected {
                return AttemptFailure(
                    text: "the connection ended after \(received) of \(expected) bytes", retryable: false)
            }
            return nil
        } catch {
            silence.end()
            let failure = CDNClient.transportFailure(
                error, host: URLComponents(string: url)?.host ?? "", proxy: route.proxy)
            let text = Self.redact(failure.detail, url: url)
            return AttemptFailure(text: text, retryable: !failure.permanent)
        }
    }

    /// How long a download has been waiting for the server's next bytes, if it is.
    private final class Silence: Sendable {
        private let since = Mutex<ContinuousClock.Instant?>(nil)

        func begin() { since.withLock { $0 = ContinuousClock.now } }
        func end() { since.withLock { $0 = nil } }

        func lasted(longerThan seconds: Double) -> Bool {
            since.withLock { start in start.map { ContinuousClock.now - $0 > .seconds(seconds) } ?? false }
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
