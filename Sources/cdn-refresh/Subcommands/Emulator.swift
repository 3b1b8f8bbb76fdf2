import ArgumentParser
import CDNEmulator
import Foundation
import Logging
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh emulator`: the local API emulator, in the foreground.
    struct Emulator: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the local Alibaba CDN API emulator in the foreground (stops on SIGINT/SIGTERM).",
            discussion: """
                The first line on standard output is exactly 'listening on http://HOST:PORT' (https:// with \
                --tls-certificate). \
                The emulator's credentials are throwaway test values, not Alibaba secrets; the defaults are printed. \
                It also stands in for STS (AssumeRole, AssumeRoleWithOIDC: point --sts-endpoint at it), the ECS \
                metadata service (CDN_REFRESH_ECS_METADATA_URL) and a credentials URI (/credentials), issuing \
                temporary credentials that its API accepts until they expire.
                """
        )

        @Option(help: "Address to listen on (keep it loopback).")
        var host = "127.0.0.1"

        @Option(help: "Port; 0 picks a free one.")
        var port = 8080

        @Option(name: .customLong("access-key-id"), help: "Emulator key ID (default: the fixed sandbox key).")
        var accessKeyID: String?

        @Option(
            name: .customLong("access-key-secret"), help: "Emulator key secret (a test value, not an Alibaba secret).")
        var accessKeySecret: String?

        @Option(name: .customLong("url-quota"), help: "Daily URL refresh quota.")
        var urlQuota = 2000

        @Option(name: .customLong("dir-quota"), help: "Daily directory refresh quota.")
        var directoryQuota = 100

        @Option(name: .customLong("regex-quota"), help: "Daily regex refresh quota.")
        var regexQuota = 20

        @Option(name: .customLong("ignore-params-quota"), help: "Daily IgnoreParams refresh quota.")
        var ignoreParamsQuota = 100

        @Option(help: "RefreshObjectCaches/PushObjectCache calls per second before Throttling.User.")
        var qps = 50

        @Option(name: .customLong("latency-ms"), help: "Delay before every answer, in milliseconds.")
        var latencyMilliseconds = 0

        @Option(name: .customLong("error-rate"), help: "Share of calls answered 503 before accepting (0…1).")
        var errorRate = 0.0

        @Option(name: .customLong("drop-rate"), help: "Share of calls accepted, then dropped without an answer (0…1).")
        var dropRate = 0.0

        @Option(name: .customLong("complete-after"), help: "Seconds until a task is Complete.")
        var completeAfter = 5.0

        @Option(help: "Seed of the fault injection.")
        var seed: UInt64 = 1

        @Option(name: .customLong("preload-quota"), help: "Daily PushObjectCache (prefetch) quota.")
        var preloadQuota = 1000

        @Option(
            name: .customLong("edge-origin"),
            help: "Also act as the CDN edge for GET/HEAD, filling its cache from this base URL or directory.")
        var edgeOrigin: String?

        @Option(
            name: .customLong("sts-token-seconds"),
            help: "Lifetime of the temporary credentials its STS, metadata service and credentials URI issue.")
        var stsTokenSeconds: Double = 3600

        @Option(
            name: .customLong("ecs-role"),
            help: "RAM role its ECS metadata service (/latest/...) says is attached; empty: none.")
        var ecsRole: String = "cdn-refresh-sandbox-role"

        @Option(
            name: .customLong("edge-style"),
            help: """
                How the edge dates its copies: alibaba (X-Cache codes, X-Swift-SaveTime, Ali-Swift-Global-Savetime, \
                Via, no Age) or generic (Age, X-Cache: HIT|MISS).
                """)
        var edgeStyle: EmulatorConfiguration.EdgeStyle = .alibaba

        @Option(
            name: .customLong("tls-certificate"),
            help: "Serve HTTPS with this PEM certificate chain (with --tls-key), e.g. to test a private CA.")
        var tlsCertificate: String?

        @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-certificate.")
        var tlsKey: String?

        @OptionGroup(title: "Per-domain limits") var limits: EmulatorLimitOptions
        @OptionGroup(title: "CDN offline logs") var logs: EmulatorLogOptions
        @OptionGroup(title: "Simple Log Service") var sls: EmulatorSLSOptions
        @OptionGroup var output: OutputOptions

        mutating func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("'--port' must be from 0 to 65535") }
            guard qps >= 1 else { throw ValidationError("'--qps' must be at least 1") }
            guard (0...1).contains(errorRate), (0...1).contains(dropRate) else {
                throw ValidationError("'--error-rate' and '--drop-rate' must be from 0 to 1")
            }
            guard latencyMilliseconds >= 0, completeAfter >= 0 else {
                throw ValidationError("'--latency-ms' and '--complete-after' must not be negative")
            }
            guard preloadQuota >= 0 else { throw ValidationError("'--preload-quota' must not be negative") }
            if let edgeOrigin, !edgeOrigin.lowercased().hasPrefix("http://"),
                !edgeOrigin.lowercased().hasPrefix("https://")
            {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: edgeOrigin, isDirectory: &isDirectory),
                    isDirectory.boolValue
                else { throw ValidationError("'--edge-origin' must be an http(s) URL or an existing directory") }
            }
            guard stsTokenSeconds >= 1 else { throw ValidationError("'--sts-token-seconds' must be at least 1") }
            guard (tlsCertificate == nil) == (tlsKey == nil) else {
                throw ValidationError("give both '--tls-certificate' and '--tls-key', or neither")
            }
            guard (accessKeyID == nil) == (accessKeySecret == nil) else {
                throw ValidationError("give both '--access-key-id' and '--access-key-secret', or neither")
            }
        }

        func run() async throws {
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            var configuration = EmulatorConfiguration(
                host: host, port: port,
                accessKeyID: accessKeyID ?? EmulatorConfiguration.sandboxAccessKeyID,
                accessKeySecret: accessKeySecret ?? EmulatorConfiguration.sandboxAccessKeySecret,
                urlQuota: urlQuota, directoryQuota: directoryQuota, regexQuota: regexQuota,
                ignoreParamsQuota: ignoreParamsQuota, qps: qps, latencyMilliseconds: latencyMilliseconds,
                errorRate: errorRate, dropRate: dropRate, completeAfterSeconds: completeAfter, seed: seed)
            configuration.stsTokenSeconds = stsTokenSeconds
            configuration.preloadQuota = preloadQuota
            configuration.edgeOrigin = edgeOrigin
            configuration.ecsRoleName = ecsRole.isEmpty ? nil : ecsRole
            limits.apply(to: &configuration)
            logs.apply(to: &configuration)
            sls.apply(to: &configuration)
            configuration.edgeStyle = edgeStyle
            if let tlsCertificate, let tlsKey {
                configuration.tls = EmulatorConfiguration.TLSFiles(certificateChain: tlsCertificate, privateKey: tlsKey)
            }
            let defaultCredentials = accessKeyID == nil
            let scheme = configuration.tls == nil ? "http" : "https"
            let accessKeyID = configuration.accessKeyID
            let accessKeySecret = configuration.accessKeySecret
            let service = EmulatorService(configuration: configuration)
            let server = EmulatorServer(service: service, logger: logger)
            do {
                try await server.run(handleSignals: true) { boundHost, boundPort in
                    let shownHost = boundHost.contains(":") ? "[\(boundHost)]" : boundHost
                    StandardOutput.print("listening on \(scheme)://\(shownHost):\(boundPort)")
                    StandardOutput.print("access key id: \(accessKeyID)")
                    if defaultCredentials {
                        StandardOutput.print("access key secret: \(accessKeySecret)")
                    }
                }
            } catch {
                StandardError.print("cdn-refresh emulator: cannot serve on \(host):\(port): \(error)")
                throw ExitCode(.nothingDone)
            }
            if !output.quiet { StandardError.print(service.statistics().summary) }
        }
    }
}

extension EmulatorConfiguration.EdgeStyle: ExpressibleByArgument {}
