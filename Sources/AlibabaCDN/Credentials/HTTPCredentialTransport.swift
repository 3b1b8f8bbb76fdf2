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
            let host = URLComponents(string: request.url)?.host ?? ""
            throw .sourceFailed(
                source: request.url,
                reason: NetworkFailure.explain(error, host: host, proxy: route.proxy)
                    ?? Self.reason(error, timeout: request.timeout))
        }
    }

    /// A short reason for a failed exchange, without the request (which may carry a token).
    static func reason(_ error: any Error, timeout: Double) -> String {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return "no answer within \(seconds(timeout))"
            case .remoteConnectionClosed:
                return "the connection closed before the answer"
            default:
                break
            }
        }
        if error is DeadlineExceeded { return "no answer within \(seconds(timeout))" }
        let text = "\(error)"
        if text.contains("connectTimeout") || text.contains("deadline") {
            return "no answer within \(seconds(timeout))"
        }
        if text.lowercased().contains("refused") { return "connection refused" }
        return "could not connect (\(String(text.prefix(120))))"
    }

    /// `1 s`, `0.5 s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
