import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Support

/// Runs queries on Simple Log Service (GetLogsV2), signed with v4 (or v1) by the run's credentials.
///
/// The project goes in the `Host` header, `{project}.{endpoint host}`, also when the endpoint is an IP address or
/// `localhost`: the request then goes to the endpoint itself, as the SDKs do; otherwise to `{project}.{host}`. The
/// endpoint goes through `HTTPS_PROXY`/`NO_PROXY` as the API does. Answers come `deflate`-compressed. `--timeout`
/// bounds each exchange. Errors are ``APICallError``s: SLS's `errorCode`/`errorMessage`, or what the transport said.
package final class SLSClient: Sendable {
    package let endpoint: URL
    package let region: String
    package let signature: SLSSignature
    private let timeout: Double
    private let credentials: any CredentialsProvider
    private let clients: RoutedClients
    private let network: NetworkSettings
    private let now: @Sendable () -> Date

    /// The public endpoint of `region`: `https://{region}.log.aliyuncs.com`.
    package static func defaultEndpoint(region: String) -> String { "https://\(region).log.aliyuncs.com" }

    package init(
        endpoint: URL, region: String, signature: SLSSignature = .v4, timeout: Double,
        network: NetworkSettings = .direct, provider: any CredentialsProvider,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.endpoint = endpoint
        self.region = region
        self.signature = signature
        self.timeout = timeout
        self.credentials = provider
        self.network = network
        self.now = now
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4),
            decompression: .disabled)
        self.clients = RoutedClients(network: network, base: configuration, logger: logger)
    }

    package func shutdown() async { await clients.shutdown() }

    /// Where a request for `project` goes, and the `Host` it names.
    package func target(project: String) -> (url: String, host: String) {
        let host = endpoint.host ?? ""
        let port = endpoint.port.map { ":\($0)" } ?? ""
        let scheme = endpoint.scheme ?? "https"
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let literal = NoProxyRule.address(bare) != nil || bare.lowercased() == "localhost"
        let named = "\(project).\(host)\(port)"
        return (literal ? "\(scheme)://\(host)\(port)" : "\(scheme)://\(named)", named)
    }

    /// One page of `query` over `[from, to)` (Unix seconds): `line` rows from `offset` (ignored by SQL, whose
    /// `LIMIT` decides).
    package func getLogs(
        project: String, logstore: String, from: Int64, to: Int64, query: String, line: Int = 100, offset: Int = 0
    ) async throws(APICallError) -> SLSPage {
        let body = Array(
            (try? JSONEncoder().encode(
                GetLogsBody(from: from, to: to, query: query, line: line, offset: offset, reverse: false))) ?? Data())
        let (url, host) = target(project: project)
        var request = SLSRequest(
            method: "POST", resource: "/logstores/\(logstore)/logs",
            headers: [
                "content-type": "application/json", "host": host, "x-log-apiversion": "0.6.0",
                "x-log-bodyrawsize": String(body.count), "accept-encoding": "deflate",
            ], body: body)
        let keys: Credentials
        do {
            keys = try await credentials.credentials()
        } catch {
            throw .credentials(error)
        }
        signature.sign(&request, credentials: keys, region: region, date: now())
        let (status, headers, answer) = try await send(request, to: url + request.resource)
        guard (200..<300).contains(status) else { throw Self.failure(status: status, body: answer, keys: keys) }
        return try Self.page(headers: headers, body: answer, status: status)
    }

    private struct GetLogsBody: Encodable {
        var from: Int64
        var to: Int64
        var query: String
        var line: Int
        var offset: Int
        var reverse: Bool
    }

    private func send(_ request: SLSRequest, to url: String) async throws(APICallError) -> (
        Int, HTTPHeaders, [UInt8]
    ) {
        let (client, route) = clients.client(for: url)
        if let blocked = route.blocked {
            throw .transport(TransportFailure(kind: .notSent, detail: blocked, permanent: true))
        }
        var http = HTTPClientRequest(url: url)
        http.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            http.headers.add(name: name, value: value)
        }
        http.headers.add(name: "User-Agent", value: "cdn-refresh/0.1.0")
        http.body = .bytes(ByteBuffer(bytes: request.body))
        let timeout = self.timeout
        let exchange = http
        do {
            // No logger for the HTTP client: its metadata could carry the signed headers.
            return try await Deadline.run(seconds: timeout) {
                let response = try await client.execute(exchange, timeout: .milliseconds(Int64(timeout * 1000)))
                let body = try await response.body.collect(upTo: 256 << 20)
                return (Int(response.status.code), response.headers, Array(buffer: body))
            }
        } catch {
            throw .transport(
                await NetworkFailure.failure(error, url: url, route: route, gate: network.gate, timeout: timeout))
        }
    }
}
