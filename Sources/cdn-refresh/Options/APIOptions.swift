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

    mutating func validate() throws {
        guard timeout > 0 else { throw ValidationError("'--timeout' must be positive") }
        if case .failure(let error) = Endpoint.parse(endpoint) {
            throw ValidationError("'--endpoint': \(error)")
        }
        if case .failure(let error) = Endpoint.parse(stsEndpoint) {
            throw ValidationError("'--sts-endpoint': \(error)")
        }
    }

    var endpointURL: URL {
        (try? Endpoint.parse(endpoint).get()) ?? URL(string: ClientConfiguration.defaultEndpoint)!
    }

    /// Resolves credentials (never from arguments) along Alibaba's default chain, or `--profile`; prints why
    /// every source failed and exits 2 when none works.
    func credentials(logger: Logger) async throws -> any CredentialsProvider {
        let environment = ProcessInfo.processInfo.environment
        let stsURL = (try? Endpoint.parse(stsEndpoint).get())?.absoluteString ?? stsEndpoint
        let chain = CredentialChain(
            environment: environment, homeDirectory: environment["HOME"] ?? NSHomeDirectory(),
            transport: HTTPCredentialTransport(), stsEndpoint: stsURL, logger: logger)
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
