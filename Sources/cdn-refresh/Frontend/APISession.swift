import AlibabaCDN
import ArgumentParser
import CDNEmulator
import Foundation
import Logging
import RefreshRunner

/// The API a command talks to — Alibaba Cloud's, or with `--sandbox` a fresh emulator on a loopback port with its
/// throwaway credentials — and, for `--verify`, the probe that reaches the CDN edge: opened together, shut down
/// together, on one way out (``with(_:logger:_:)``).
struct APISession {
    /// What a command asks of its session.
    struct Options {
        var api: APIOptions
        var sandbox: Bool
        /// Connections to the API (and to the edge) at once.
        var maxConnections = 8
        /// `--connect-to` routes for the edge probe; `nil`: no probe (no `--verify`).
        var edgeRoutes: [ConnectTo]?
        /// `--verify-via-proxy`: the edge probe goes through the proxy too.
        var probesViaProxy = false
        /// Say where the sandbox listens when it starts, and what it served when it stops (`run`, unless
        /// `--quiet`).
        var announces = false
        /// How `sls:` inputs are queried, when there are some (`nil`: no SLS client).
        var sls: SLSOptions?
    }

    let client: CDNClient
    let edgeProbe: HTTPEdgeProbe?
    /// Lists and downloads `cdn:DOMAIN` inputs' logs.
    let logSource: AlibabaLogSource
    /// Counts `sls:PROJECT/LOGSTORE` inputs (with ``Options/sls``).
    let slsClient: SLSClient?
    private let downloader: FileDownloader
    private let emulator: RunningEmulator?

    /// Opens a session, runs `body` with it, and shuts everything down once `body` returns.
    ///
    /// Throws (exit 2, the reason said on standard error) only when the session cannot open: no credentials, or a
    /// sandbox that cannot start.
    static func with<T>(_ options: Options, logger: Logger, _ body: (APISession) async -> T) async throws -> T {
        let session = try await open(options, logger: logger)
        let result = await body(session)
        await session.close(announcing: options.announces)
        return result
    }

    private static func open(_ options: Options, logger: Logger) async throws -> APISession {
        let network = try options.api.network()
        var emulator: RunningEmulator?
        let provider: any CredentialsProvider
        var endpoint = options.api.endpointURL
        if options.sandbox {
            let started: RunningEmulator
            do {
                // The sandbox says what it served only when debugging: the run's own messages are the ones that count.
                var quieter = logger
                if quieter.logLevel > .debug { quieter.logLevel = max(quieter.logLevel, .warning) }
                started = try await RunningEmulator.start(configuration: sandboxConfiguration, logger: quieter)
            } catch {
                StandardError.print("cdn-refresh: cannot start the sandbox emulator: \(error)")
                throw ExitCode(.nothingDone)
            }
            emulator = started
            endpoint = started.endpoint
            provider = StaticCredentialsProvider(
                Credentials(
                    accessKeyID: EmulatorConfiguration.sandboxAccessKeyID,
                    accessKeySecret: EmulatorConfiguration.sandboxAccessKeySecret, origin: "sandbox"))
            if options.announces { StandardError.print("cdn-refresh: sandbox emulator at \(endpoint.absoluteString)") }
        } else {
            provider = try await options.api.credentials(network: network, logger: logger)
        }
        let client = CDNClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, timeoutSeconds: options.api.timeout, maxConnections: options.maxConnections,
                network: network),
            provider: provider, logger: logger)
        let edgeProbe = options.edgeRoutes.map {
            HTTPEdgeProbe(
                connectTo: $0, plainEdge: emulator?.endpoint, timeout: options.api.timeout,
                maxConnections: options.maxConnections,
                network: options.probesViaProxy ? network : network.withoutProxies, logger: logger)
        }
        let downloader = FileDownloader(
            timeout: options.api.timeout, maxConnections: options.maxConnections, network: network, logger: logger)
        let slsClient = options.sls.map { sls in
            SLSClient(
                endpoint: emulator?.endpoint ?? (try? Endpoint.parse(sls.endpointText).get())
                    ?? URL(string: SLSClient.defaultEndpoint(region: sls.region))!,
                region: sls.region, signature: sls.signature, timeout: options.api.timeout, network: network,
                provider: provider, logger: logger)
        }
        return APISession(
            client: client, edgeProbe: edgeProbe, logSource: AlibabaLogSource(client: client, downloader: downloader),
            slsClient: slsClient, downloader: downloader, emulator: emulator)
    }

    /// The sandbox: tasks complete in two seconds, it answers as the CDN edge for `--verify`, it publishes an hourly
    /// log of made-up edge traffic for any domain (`cdn:DOMAIN` inputs), and an hour of made-up real-time records in
    /// SLS (`sls:cdn-logs/cdn-access`).
    private static var sandboxConfiguration: EmulatorConfiguration {
        var configuration = EmulatorConfiguration(host: "127.0.0.1", port: 0, completeAfterSeconds: 2)
        configuration.syntheticEdge = true
        configuration.syntheticLogs = true
        configuration.syntheticSLS = true
        return configuration
    }

    private func close(announcing: Bool) async {
        await client.shutdown()
        await downloader.shutdown()
        await slsClient?.shutdown()
        await edgeProbe?.shutdown()
        guard let emulator else { return }
        if announcing { StandardError.print(emulator.service.statistics().summary) }
        await emulator.stop()
    }
}
