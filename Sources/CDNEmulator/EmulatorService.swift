import AlibabaCDN
import Foundation
import Support
import Synchronization

/// The emulated CDN API: authenticates, throttles, injects faults and answers like Alibaba's endpoint.
///
/// Framework-independent: ``handle(_:)`` takes a request and says what to answer (or to drop the connection),
/// so every rule can be tested without a socket, with an injected clock.
package final class EmulatorService: Sendable {
    package let configuration: EmulatorConfiguration
    let now: @Sendable () -> Date
    let ledger: Mutex<EmulatorLedger>
    /// The edge, with `--edge-origin`.
    package let edge: EmulatorEdge?
    /// The CDN offline logs it publishes.
    let logs: EmulatorLogCatalog
    /// The real-time log records its SLS queries, when it serves SLS.
    let sls: SLSRecordStore?
    private let stopping = Atomic<Bool>(false)

    /// Whether the server is stopping (answers held open on purpose end).
    package var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// Says the server is stopping.
    package func beginStopping() { stopping.store(true, ordering: .relaxed) }

    package init(configuration: EmulatorConfiguration, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
        self.ledger = Mutex(EmulatorLedger(seed: configuration.seed))
        let origin =
            configuration.edgeOrigin.map(EmulatorEdge.Origin.init) ?? (configuration.syntheticEdge ? .synthetic : nil)
        self.edge = origin.map {
            EmulatorEdge(
                origin: $0, keepsStale: configuration.edgeKeepsStale, style: configuration.edgeStyle,
                fetcher: EmulatorEdge.fetchFromURL)
        }
        self.logs = EmulatorLogCatalog(
            directory: configuration.cdnLogsDirectory, synthetic: configuration.syntheticLogs)
        if let path = configuration.slsRecordsPath {
            self.sls = try? SLSRecordStore(path: path)
        } else if configuration.syntheticSLS {
            self.sls = try? SLSRecordStore(records: SLSRecordStore.madeUp(until: now(), seed: configuration.seed))
        } else {
            self.sls = nil
        }
    }

    /// Answers `request` as the edge when it is an edge request and there is one; `nil` otherwise.
    package func handleAtEdge(_ request: EmulatorRequest) async -> EmulatorReply? {
        guard let edge, EmulatorEdge.isEdgeRequest(request) else { return nil }
        ledger.withLock { $0.statistics.edgeRequests += 1 }
        if configuration.edgeDelay > 0 { try? await Task.sleep(for: .seconds(configuration.edgeDelay)) }
        return await edge.respond(to: request, service: self, at: now())
    }

    /// Serves a published CDN log when `request` downloads one; `nil` otherwise.
    package func handleLogDownload(_ request: EmulatorRequest) -> EmulatorReply? {
        let method = request.method.uppercased()
        guard method == "GET" || method == "HEAD", request.path.hasPrefix(Self.logDownloadPath) else { return nil }
        return logDownload(request, at: now())
    }

    /// Decides the answer to `request`.
    package func handle(_ request: EmulatorRequest) -> EmulatorOutcome {
        let time = now()
        let delay = configuration.latencyMilliseconds
        if let reply = credentialsReply(request, at: time) {
            return EmulatorOutcome(action: .respond(reply), delayMilliseconds: delay)
        }
        var call: AuthenticatedCall
        do {
            call = try authenticate(request, at: time)
            call.host = request.header("host") ?? "\(configuration.host):\(configuration.port)"
        } catch {
            return EmulatorOutcome(action: .respond(refusal(error)), delayMilliseconds: delay)
        }
        let (reply, drop) = ledger.withLock { ledger -> (EmulatorReply, Bool) in
            let requestID = ledger.requestID()
            do throws(EmulatorFailure) {
                var body = try perform(call, ledger: &ledger, at: time)
                body["RequestId"] = .string(requestID)
                let drop = ledger.rng.nextUnit() < configuration.dropRate
                if drop { ledger.statistics.dropped += 1 }
                return (Self.reply(status: 200, json: body), drop)
            } catch {
                return (errorReply(error, requestID: requestID), false)
            }
        }
        let listing = call.action == APIAction.describeCdnDomainLogs.rawValue ? configuration.listingDelay : 0
        return EmulatorOutcome(
            action: drop ? .drop : .respond(reply), delayMilliseconds: delay + Int((listing * 1000).rounded()))
    }

    /// What the emulator has counted so far.
    package func statistics() -> EmulatorStatistics {
        ledger.withLock { $0.statistics }
    }

    /// How many times each URL was accepted, for one object type (`file`, `directory`, `preload` …).
    package func acceptedCounts(objectType: String = "file") -> [String: Int] {
        ledger.withLock { ledger in
            var counts: [String: Int] = [:]
            let prefix = objectType + " "
            for (key, count) in ledger.acceptedCount where key.hasPrefix(prefix) {
                counts[String(key.dropFirst(prefix.count))] = count
            }
            return counts
        }
    }

    /// Another client on the account takes `urls` of `domain`'s per-minute window now, as a neighbour's refresh
    /// would (tests of contention).
    package func occupy(_ domain: String, urls: Int) {
        ledger.withLock { ledger in
            ledger.domainWindows[domain.lowercased(), default: []].append((Date(), urls))
            ledger.statistics.neighbourURLs += urls
        }
    }

    // MARK: - Dispatch

    private func perform(_ call: AuthenticatedCall, ledger: inout EmulatorLedger, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        guard ledger.useNonce(call.nonce, now: time) else {
            ledger.statistics.refused += 1
            throw .nonceUsed
        }
        guard call.version == APIRequest.version else { throw .invalidVersion }
        guard let action = APIAction(rawValue: call.action) else { throw .actionNotFound }
        if let wait = ledger.admit(action: action, limit: configuration.callLimit(for: action), now: time) {
            ledger.statistics.throttled += 1
            throw .throttled(retryAfterMilliseconds: wait)
        }
        if ledger.rng.nextUnit() < configuration.errorRate {
            ledger.statistics.injectedErrors += 1
            throw .serviceUnavailable
        }
        ledger.resetQuotaIfNewDay(now: time)
        switch action {
        case .refreshObjectCaches:
            return try refreshObjectCaches(call.parameters, ledger: &ledger, at: time)
        case .pushObjectCache:
            return try pushObjectCache(call.parameters, ledger: &ledger, at: time)
        case .describeRefreshQuota:
            return describeRefreshQuota(ledger: ledger)
        case .describeRefreshTasks:
            return try describeRefreshTasks(call.parameters, ledger: ledger, at: time)
        case .describeRefreshTaskByID:
            return try describeRefreshTaskByID(call.parameters, ledger: ledger, at: time)
        case .describeCdnDomainLogs:
            return try describeCdnDomainLogs(call.parameters, host: call.host, at: time)
        case .getLogs:
            throw .actionNotFound  // SLS's, served at /logstores/ (EmulatorService+SLS.swift)
        }
    }

    // MARK: - Replies

    private func refusal(_ failure: EmulatorFailure) -> EmulatorReply {
        let requestID = ledger.withLock { ledger in
            ledger.statistics.refused += 1
            return ledger.requestID()
        }
        return errorReply(failure, requestID: requestID)
    }

    private func errorReply(_ failure: EmulatorFailure, requestID: String) -> EmulatorReply {
        var reply = Self.reply(
            status: failure.status,
            json: [
                "RequestId": .string(requestID), "HostId": .string(configuration.host), "Code": .string(failure.code),
                "Message": .string(failure.message),
                "Recommend": .string("https://api.aliyun.com/troubleshoot?q=\(failure.code)&product=Cdn"),
            ])
        reply.headers.merge(failure.headers) { $1 }
        return reply
    }

    static func reply(status: Int, json: [String: JSONValue]) -> EmulatorReply {
        EmulatorReply(
            status: status, headers: ["Content-Type": "application/json;charset=utf-8"],
            body: JSONValue.object(json).serialized())
    }

    static func reply(status: Int, json: [String: String]) -> EmulatorReply {
        reply(status: status, json: json.mapValues { .string($0) })
    }

    /// A failure's answer outside any API call (no request ID): its status, code and message.
    static func reply(_ failure: EmulatorFailure) -> EmulatorReply {
        reply(status: failure.status, json: ["Code": failure.code, "Message": failure.message])
    }
}
