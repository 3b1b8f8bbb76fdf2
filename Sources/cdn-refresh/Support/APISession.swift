import AlibabaCDN
import CDNEmulator
import Foundation
import Logging

/// The API a one-off command (`quota`, `tasks`) talks to: the real one, or with `--sandbox` a fresh emulator on a
/// loopback port with its throwaway credentials.
struct APISession {
    let client: CDNClient
    let emulator: RunningEmulator?

    /// Opens the session; prints why and exits 2 when there are no credentials or the sandbox cannot start.
    static func open(_ api: APIOptions, sandbox: Bool, logger: Logger) async throws -> APISession {
        guard sandbox else { return APISession(client: try await api.client(logger: logger), emulator: nil) }
        let emulator: RunningEmulator
        do {
            emulator = try await RunningEmulator.start(
                configuration: EmulatorConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        } catch {
            StandardError.print("cdn-refresh: cannot start the sandbox emulator: \(error)")
            throw ExitCodes.nothingDone
        }
        let client = CDNClient(
            configuration: ClientConfiguration(endpoint: emulator.endpoint, timeoutSeconds: api.timeout),
            credentials: Credentials(
                accessKeyID: EmulatorConfiguration.sandboxAccessKeyID,
                accessKeySecret: EmulatorConfiguration.sandboxAccessKeySecret, origin: "sandbox"),
            logger: logger)
        return APISession(client: client, emulator: emulator)
    }

    /// Closes the client and stops the sandbox.
    func close() async {
        await client.shutdown()
        await emulator?.stop()
    }
}
