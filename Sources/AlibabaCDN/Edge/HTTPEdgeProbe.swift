import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Probes URLs over HTTP: `HEAD`, or `GET` with `Range: bytes=0-0` where the edge refuses `HEAD` (405, 501).
///
/// One client for the whole verification (call ``shutdown()``). It never follows a redirect and never sends
/// credentials or cookies. `--connect-to` sends a URL's request to another address (TLS still checks the URL's
/// host); `plainEdge` (the sandbox's emulator) sends every request over plain HTTP to one loopback address, with
/// the URL's host in `Host`.
package final class HTTPEdgeProbe: EdgeProbing {
    private let clients: RoutedClients
    private let connectTo: [ConnectTo]
    private let plainEdge: URL?
    private let timeout: Double

    /// - Parameter network: the trust roots, and the proxy only with `--verify-via-proxy` (probes must see what the
    ///   CDN serves to users, not a proxy's cache).
    package init(
        connectTo: [ConnectTo] = [], plainEdge: URL? = nil, timeout: Double, maxConnections: Int,
        network: NetworkSettings = .direct, logger: Logger = Logger(label: "cdn-refresh.verify")
    ) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)),
            connectionPool: .init(
                idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnections)),
            decompression: .disabled)
        configuration.dnsOverride = Dictionary(connectTo.map { ($0.host, $0.address) }) { first, _ in first }
        clients = RoutedClients(network: network, base: configuration, logger: logger)
        self.connectTo = connectTo
        self.plainEdge = plainEdge
        self.timeout = timeout
    }

    package func shutdown() async {
        await clients.shutdown()
    }

    package func probe(_ url: String) async -> Result<EdgeAnswer, EdgeProbeFailure> {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else {
            return .failure(EdgeProbeFailure("not a URL"))
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = parts.port ?? defaultPort
        let target =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        let hostHeader = port == defaultPort ? host : "\(host):\(port)"
        if let plainEdge {
            return await send(plainEdge.absoluteString + target, host: hostHeader)
        }
        if let route = connectTo.first(where: { $0.host == host.lowercased() && $0.port == port }) {
            // The name stays in the URL (TLS checks it, the client's DNS override maps it), the port is the target's.
            return await send("\(scheme)://\(host):\(route.addressPort)\(target)", host: hostHeader)
        }
        return await send(url, host: hostHeader)
    }

    package func probeOrigin(_ url: String, base: String) async -> Result<EdgeAnswer, EdgeProbeFailure> {
        guard let parts = URLComponents(string: url), let host = parts.host else {
            return .failure(EdgeProbeFailure("not a URL"))
        }
        let target =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return await send(trimmed + target, host: host)
    }

    private func send(_ url: String, host: String) async -> Result<EdgeAnswer, EdgeProbeFailure> {
        let head = await exchange(url, host: host, method: .HEAD)
        if case .success(let answer) = head, answer.status == 405 || answer.status == 501 {
            return await exchange(url, host: host, method: .GET)
        }
        return head
    }

    private func exchange(_ url: String, host: String, method: HTTPMethod) async -> Result<EdgeAnswer, EdgeProbeFailure>
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Host", value: host)
        request.headers.add(name: "User-Agent", value: "cdn-refresh-verify/0.1")
        if method == .GET { request.headers.add(name: "Range", value: "bytes=0-0") }
        let (client, route) = clients.client(for: url)
        if let blocked = route.blocked { return .failure(EdgeProbeFailure(blocked)) }
        do {
            let timeout = self.timeout
            let exchange = request
            // `--timeout` bounds the whole exchange, body included.
            let (status, headers) = try await Deadline.run(seconds: timeout) {
                let response = try await client.execute(exchange, timeout: .milliseconds(Int64(timeout * 1000)))
                _ = try await response.body.collect(upTo: 1 << 20)
                return (response.status, response.headers)
            }
            var length = headers.first(name: "Content-Length").flatMap(Int.init)
            if let range = headers.first(name: "Content-Range"), let total = range.split(separator: "/").last {
                length = Int(total)
            }
            return .success(
                EdgeAnswer(
                    status: Int(status.code), age: headers.first(name: "Age").flatMap(Int.init),
                    xCache: headers.first(name: "X-Cache"), etag: headers.first(name: "ETag"),
                    lastModified: headers.first(name: "Last-Modified"), length: length,
                    date: headers.first(name: "Date"), swiftSaveTime: headers.first(name: "X-Swift-SaveTime"),
                    globalSaveTime: headers.first(name: "Ali-Swift-Global-Savetime"),
                    swiftCacheTime: headers.first(name: "X-Swift-CacheTime"), via: headers.first(name: "Via")))
        } catch {
            return .failure(
                EdgeProbeFailure(
                    await NetworkFailure.failure(
                        error, url: url, route: route, gate: clients.gate, timeout: timeout
                    ).detail))
        }
    }
}
