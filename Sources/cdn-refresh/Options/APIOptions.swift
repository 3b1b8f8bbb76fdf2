import AlibabaCDN
import ArgumentParser
import Foundation
import Logging
import RefreshRunner

/// Where and as whom to call the API (`run`, `quota`, `tasks`).
struct APIOptions: ParsableArguments {
    @Option(help: "API endpoint; http:// only for loopback hosts (the emulator).")
    var endpoint: String = ClientConfiguration.defaultEndpoint

    @Option(
        help: """
            Profile of ~/.aliyun/config.json (modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC, CredentialsURI); \
            default: Alibaba's credential chain (environment, OIDC, the file's current profile, ECS role, URI).
            """)
    var profile: String?

    @Option(help: "STS endpoint for role assumption; http:// only for loopback hosts.")
    var stsEndpoint: String = CredentialChain.defaultSTSEndpoint

    @Option(help: "Per-request timeout, in seconds.")
    var timeout: Double = 30

    @Option(
        help: """
            Send every request through this HTTP proxy (http://[user:password@]host:port) for this run, instead \
            of HTTPS_PROXY/HTTP_PROXY; NO_PROXY still applies. Loopback and the ECS metadata service are never proxied.
            """)
    var proxy: String?

    @Flag(name: .customLong("no-proxy"), help: "Send no request through a proxy, whatever HTTPS_PROXY/HTTP_PROXY say.")
    var noProxy = false

    @Option(
        name: .customLong("ca-file"),
        help: "A PEM bundle trusted besides the system's roots for this run, instead of SSL_CERT_FILE/SSL_CERT_DIR.")
    var caFile: String?

    mutating func validate() throws {
        guard timeout > 0 else { throw ValidationError("'--timeout' must be positive") }
        if case .failure(let error) = Endpoint.parse(endpoint) {
            throw ValidationError("'--endpoint': \(error)")
        }
        if case .failure(let error) = Endpoint.parse(stsEndpoint) {
            throw ValidationError("'--sts-endpoint': \(error)")
        }
        if proxy != nil && noProxy { throw ValidationError("'--proxy' and '--no-proxy' are mutually exclusive") }
        if let proxy {
            do {
                _ = try ProxyServer(url: proxy, source: "--proxy")
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    /// The proxies and trust roots of this run: the environment's, or the options'.
    ///
    /// A malformed `NO_PROXY` or trust setting is said on standard error (exit 64). A proxy variable that cannot be
    /// used is only a warning: it fails the requests that would go through it, and no other.
    func network() throws -> NetworkSettings {
        do {
            let settings = try NetworkSettings.from(
                environment: ProcessInfo.processInfo.environment, proxy: proxy, noProxy: noProxy, caFile: caFile)
            for warning in settings.warnings { StandardError.print("cdn-refresh: warning: \(warning)") }
            return settings
        } catch {
            StandardError.print("cdn-refresh: \(error)")
            throw ExitCode(.usage)
        }
    }

    var endpointURL: URL {
        (try? Endpoint.parse(endpoint).get()) ?? URL(string: ClientConfiguration.defaultEndpoint)!
    }

    /// Resolves credentials (never from arguments) along Alibaba's default chain, or `--profile`; prints why
    /// every source failed and exits 2 when none works.
    func credentials(network: NetworkSettings, logger: Logger) async throws -> any CredentialsProvider {
        let environment = ProcessInfo.processInfo.environment
        let stsURL = (try? Endpoint.parse(stsEndpoint).get())?.absoluteString ?? stsEndpoint
        let chain = CredentialChain(
            environment: environment, homeDirectory: environment["HOME"] ?? NSHomeDirectory(),
            transport: HTTPCredentialTransport(network: network, logger: logger), stsEndpoint: stsURL, logger: logger)
        do {
            let provider = try await chain.resolve(profile: profile)
            logger.debug("Using credentials", metadata: ["credentials.source": "\(provider.name)"])
            return provider
        } catch {
            StandardError.print("cdn-refresh: \(error)")
            throw ExitCode(.nothingDone)
        }
    }
}
