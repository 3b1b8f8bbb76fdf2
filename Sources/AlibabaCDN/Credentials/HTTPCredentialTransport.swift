import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The transport of the real sources: a connection for each exchange (they happen once an hour at most), no
/// redirects (a token must not follow one elsewhere), no logging of the request (its body can hold a token).
package struct HTTPCredentialTransport: CredentialTransport {
    /// Answers larger than this are refused (credentials fit in a few KiB).
    static let maxResponseBytes = 1 << 20

    /// The proxy and trust roots: STS and a credentials URI go through the proxy as any API call does; the ECS
    /// metadata service (and loopback) never does.
    package let network: NetworkSettings
    private let logger: Logger

    package init(network: NetworkSettings = .direct, logger: Logger = Logger(label: "cdn-refresh.credentials")) {
        self.network = network
        self.logger = logger
    }

    package func send(_ request: CredentialHTTPRequest) async throws(CredentialError) -> CredentialHTTPResponse {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .milliseconds(Int64(request.timeout * 1000))),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        let route = (request.neverProxied ? network.withoutProxies : network).apply(
            to: &configuration, for: request.url, logger: logger)
        if let blocked = route.blocked { throw .sourceFailed(source: request.url, reason: blocked) }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        var http = HTTPClientRequest(url: request.url)
        http.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            http.headers.add(name: name, value: value)
        }
        if !request.body.isEmpty { http.body = .bytes(ByteBuffer(bytes: request.body)) }
        let result: Result<CredentialHTTPResponse, any Error>
        do {
            let timeout = request.timeout
            let exchange = http
            // The timeout bounds the whole exchange, body included.
            result = .success(
                try await Deadline.run(seconds: timeout) {
                    let response = try await client.execute(exchange, timeout: .milliseconds(Int64(timeout * 1000)))
                    let body = try await response.body.collect(upTo: Self.maxResponseBytes)
                    return CredentialHTTPResponse(status: Int(response.status.code), body: Array(buffer: body))
                })
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        switch result {
        case .success(let response): return response
        case .failure(let error):
            let failure = await NetworkFailure.failure(
                error, url: request.url, route: route, gate: network.gate, timeout: request.timeout)
            throw .sourceFailed(source: request.url, reason: failure.detail)
        }
    }
}
