import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Signs and sends CDN API calls over HTTP.
///
/// One client serves a whole run: it owns one `HTTPClient` (a connection pool sized to the run's concurrency)
/// that ``shutdown()`` closes; call it on every path. Each attempt gets a fresh `SignatureNonce` and
/// `Timestamp`. Common parameters and the signature travel in the query string, operation parameters in a
/// form body. An error answer is an ``APICallError``, never a crash.
package final class CDNClient: Sendable {
    package let configuration: ClientConfiguration
    private let credentials: any CredentialsProvider
    private let httpClient: HTTPClient
    /// How the endpoint is reached: directly, or through a proxy (named in failures).
    private let route: NetworkSettings.Route
    private let now: @Sendable () -> Date
    private let makeNonce: @Sendable () -> String
    private let logger: Logger

    /// Creates a client that signs with fixed credentials.
    package convenience init(
        configuration: ClientConfiguration, credentials: Credentials,
        now: @escaping @Sendable () -> Date = { Date() },
        makeNonce: @escaping @Sendable () -> String = { UUID().uuidString }, logger: Logger
    ) {
        self.init(
            configuration: configuration, provider: StaticCredentialsProvider(credentials), now: now,
            makeNonce: makeNonce, logger: logger)
    }

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - provider: asked for credentials before every attempt (temporary ones are renewed before they expire).
    ///   - now: the clock that stamps requests (tests inject one).
    ///   - makeNonce: the `SignatureNonce` generator; it must never repeat.
    package init(
        configuration: ClientConfiguration,
        provider: any CredentialsProvider,
        now: @escaping @Sendable () -> Date = { Date() },
        makeNonce: @escaping @Sendable () -> String = { UUID().uuidString },
        logger: Logger
    ) {
        self.configuration = configuration
        self.credentials = provider
        self.now = now
        self.makeNonce = makeNonce
        self.logger = logger
        var http = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            connectionPool: .init(
                idleTimeout: .seconds(60),
                concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnections)),
            decompression: .disabled)
        http.httpVersion = .automatic
        self.route = configuration.network.apply(to: &http, for: configuration.endpoint.absoluteString, logger: logger)
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
    }

    /// Closes the connection pool.
    ///
    /// Calls after this fail.
    package func shutdown() async {
        do {
            try await httpClient.shutdown()
        } catch {
            logger.debug("HTTP client shutdown reported an error", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Operations

    /// Submits a refresh; the answer holds the task IDs (one per domain).
    ///
    /// `force` is sent only when given: `true` deletes Directory, Regex and IgnoreParams matches instead of marking
    /// them expired.
    package func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool? = nil)
        async throws(APICallError) -> TaskSubmissionResponse
    {
        try await send(
            .refreshObjectCaches(objectPath: objectPath, objectType: objectType, force: force),
            as: TaskSubmissionResponse.self)
    }

    /// Prefetches (pushes into the edge caches) up to 100 URLs; the answer holds the task IDs (one per domain).
    package func pushObjectCache(objectPath: String, area: String?) async throws(APICallError)
        -> TaskSubmissionResponse
    {
        try await send(.pushObjectCache(objectPath: objectPath, area: area), as: TaskSubmissionResponse.self)
    }

    /// Reads the remaining daily quota.
    package func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse {
        try await send(.describeRefreshQuota(), as: RefreshQuotaResponse.self)
    }

    /// Reads the tasks of up to 10 task IDs.
    package func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID {
        try await send(.describeRefreshTaskByID(taskIDs), as: RefreshTasksByID.self)
    }

    /// Reads one page of tasks matching `filter`.
    package func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage {
        try await send(.describeRefreshTasks(filter), as: RefreshTasksPage.self)
    }

    /// Reads one page (1-based, at most 1,000 files) of `domain`'s hourly offline logs overlapping `[start, end)`.
    package func describeCdnDomainLogs(domain: String, start: Date, end: Date, pageNumber: Int, pageSize: Int)
        async throws(APICallError) -> DomainLogsPage
    {
        try await send(
            .describeCdnDomainLogs(domain: domain, start: start, end: end, pageNumber: pageNumber, pageSize: pageSize),
            as: DomainLogsPage.self)
    }

    /// Sends `request` and decodes a successful answer as `Response`.
    package func send<Response: Decodable & Sendable>(_ request: APIRequest, as type: Response.Type)
        async throws(APICallError) -> Response
    {
        let (status, body) = try await perform(request)
        do {
            return try JSONDecoder().decode(Response.self, from: Data(body))
        } catch {
            throw .unexpectedResponse(
                httpStatus: status,
                detail: "the \(request.action) answer could not be read: \(Self.snippet(body, of: request.action))")
        }
    }

    // MARK: - HTTP

    /// Sends a signed request; returns the status and body of a 2xx answer, throws for anything else.
    func perform(_ request: APIRequest) async throws(APICallError) -> (Int, [UInt8]) {
        let credentials: Credentials
        do {
            credentials = try await self.credentials.credentials()
        } catch {
            throw .credentials(error)
        }
        let signed = SignedRPCRequest(
            request: request, credentials: credentials, timestamp: APITimestamp.format(now()), nonce: makeNonce())
        var httpRequest = HTTPClientRequest(url: configuration.endpoint.absoluteString + "/?" + signed.queryString)
        httpRequest.method = .POST
        httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
        httpRequest.headers.add(name: "Accept", value: "application/json")
        httpRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        httpRequest.body = .bytes(ByteBuffer(string: signed.formBody))

        let head: (status: HTTPResponseStatus, headers: HTTPHeaders)
        let body: ByteBuffer
        if let blocked = configuration.network.route(for: configuration.endpoint.absoluteString).blocked {
            // A proxy variable that cannot be used, or a proxy that refused for good: not sent at all.
            throw .transport(TransportFailure(kind: .notSent, detail: blocked, permanent: true))
        }
        do {
            // No logger for AsyncHTTPClient: its request metadata can carry the URL, whose query holds the
            // signature and, with STS, the security token. `--timeout` bounds the whole exchange, body included.
            let client = httpClient
            let timeout = configuration.timeoutSeconds
            let limit = configuration.maxResponseBytes
            let exchange = httpRequest
            (head, body) = try await Deadline.run(seconds: timeout) {
                let response = try await client.execute(exchange, timeout: .milliseconds(Int64(timeout * 1000)))
                return ((response.status, response.headers), try await response.body.collect(upTo: limit))
            }
        } catch {
            throw .transport(
                await NetworkFailure.failure(
                    error, url: configuration.endpoint.absoluteString, route: route, gate: configuration.network.gate,
                    timeout: configuration.timeoutSeconds))
        }
        let bytes = Array(buffer: body)
        let status = Int(head.status.code)
        logger.trace(
            "API call answered",
            metadata: ["api.action": "\(request.action)", "http.status": "\(status)", "http.bytes": "\(bytes.count)"])
        if (200..<300).contains(status) {
            return (status, bytes)
        }
        guard var errorBody = try? JSONDecoder().decode(APIErrorBody.self, from: Data(bytes)), !errorBody.code.isEmpty
        else {
            throw .unexpectedResponse(
                httpStatus: status, detail: Self.redact(Self.snippet(bytes, of: request.action), credentials))
        }
        errorBody.message = Self.redact(Self.explainSignatureMismatch(errorBody, ours: signed), credentials)
        let retryAfter = head.headers.first(name: "x-acs-retry-after").flatMap(Double.init).map { $0 / 1000 }
        throw .api(APIFailure(httpStatus: status, body: errorBody, retryAfterSeconds: retryAfter))
    }

    /// Replaces the secret and the STS token (as sent, and percent-encoded once or twice) in a text that came from
    /// the server: an error message can echo the request.
    static func redact(_ text: String, _ credentials: Credentials) -> String {
        var result = text
        for secret in [credentials.accessKeySecret, credentials.securityToken].compactMap({ $0 }) where !secret.isEmpty
        {
            let once = AlibabaPercentEncoding.encode(secret)
            for form in [AlibabaPercentEncoding.encode(once), once, secret] {
                result = result.replacingOccurrences(of: form, with: "<redacted>")
            }
        }
        return result
    }

    /// Explains a `SignatureDoesNotMatch` without passing its echoed string to sign on.
    ///
    /// The server's string to sign holds the STS token. Equal strings mean the secret is wrong; different ones,
    /// that the request changed on its way (as Alibaba's own SDK reasons).
    static func explainSignatureMismatch(_ body: APIErrorBody, ours signed: SignedRPCRequest) -> String {
        let marker = "server string to sign is:"
        guard body.code == "SignatureDoesNotMatch", let range = body.message.range(of: marker) else {
            return body.message
        }
        let theirs = String(body.message[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        let prefix = body.message[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let ours = RPCSignatureV1.stringToSign(method: "POST", parameters: signed.parameters)
        return prefix
            + (theirs == ours
                ? " (the server's string to sign equals ours: the AccessKey secret is wrong)"
                : " (the server's string to sign differs from ours: the request was changed on its way)")
    }

    /// The start of an answer that could not be read, for the message: never an answer that carries signed URLs
    /// (`DescribeCdnDomainLogs`: its `LogPath`s are credentials), and never a URL's query.
    static func snippet(_ bytes: [UInt8], of action: String) -> String {
        guard !bytes.isEmpty else { return "(empty body)" }
        guard action != APIAction.describeCdnDomainLogs.rawValue else {
            return "(\(bytes.count) bytes, not shown: they may hold signed URLs)"
        }
        return redactQueries(String(decoding: bytes.prefix(200), as: UTF8.self))
    }

    /// `text` with the query of every URL in it replaced: a query can carry a signature or a token.
    static func redactQueries(_ text: String) -> String {
        var result = ""
        var inQuery = false
        for character in text {
            if inQuery {
                if character == "\"" || character == "'" || character == " " || character == "<" || character == "\n" {
                    inQuery = false
                    result.append(character)
                }
                continue
            }
            result.append(character)
            if character == "?" {
                result += "<redacted>"
                inQuery = true
            }
        }
        return result
    }
}
