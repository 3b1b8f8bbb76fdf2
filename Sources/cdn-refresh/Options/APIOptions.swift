import AlibabaCDN
import ArgumentParser
import Foundation
import Logging

/// Where and as whom to call the API (`run`, `quota`, `tasks`).
struct APIOptions: ParsableArguments {
    @Option(help: "API endpoint; http:// only for loopback hosts (the emulator).")
    var endpoint: String = ClientConfiguration.defaultEndpoint

    @Option(
        help: "Profile of ~/.aliyun/config.json (modes AK, StsToken); default: environment, then the file's current.")
    var profile: String?

    @Option(help: "Per-request timeout, in seconds.")
    var timeout: Double = 30

    mutating func validate() throws {
        guard timeout > 0 else { throw ValidationError("'--timeout' must be positive") }
        if case .failure(let error) = ClientConfiguration.endpoint(endpoint) {
            throw ValidationError("'--endpoint': \(error)")
        }
    }

    var endpointURL: URL {
        (try? ClientConfiguration.endpoint(endpoint).get()) ?? URL(string: ClientConfiguration.defaultEndpoint)!
    }

    /// A client for one-off calls (`quota`, `tasks`) with the resolved credentials.
    func client(logger: Logger) throws -> CDNClient {
        CDNClient(
            configuration: ClientConfiguration(endpoint: endpointURL, timeoutSeconds: timeout),
            credentials: try credentials(), logger: logger)
    }

    /// Resolves credentials (never from arguments); prints the reason and exits 2 when there are none.
    func credentials() throws -> Credentials {
        do {
            return try CredentialResolver.system.resolve(profile: profile)
        } catch {
            StandardError.print("cdn-refresh: \(error)")
            throw ExitCodes.nothingDone
        }
    }
}
