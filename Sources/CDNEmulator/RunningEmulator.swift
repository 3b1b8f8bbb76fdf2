import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// An emulator started in-process on a free loopback port (for tests and `run --sandbox`).
package final class RunningEmulator: Sendable {
    /// `http://127.0.0.1:PORT` (`https://` with TLS).
    package let endpoint: URL
    package let service: EmulatorService
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(endpoint: URL, service: EmulatorService, group: ServiceGroup, task: Task<Void, any Error>) {
        self.endpoint = endpoint
        self.service = service
        self.group = group
        self.task = task
    }

    /// Starts an emulator and returns once it listens.
    ///
    /// The configured port is used as given (0 for a free one); the host should be a loopback address.
    package static func start(
        configuration: EmulatorConfiguration, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) async throws -> RunningEmulator {
        let service = EmulatorService(configuration: configuration, now: now)
        let server = EmulatorServer(service: service, logger: logger)
        let waiter = ListeningWaiter()
        let application = try server.makeApplication { host, port in
            waiter.resolve(.success((host, port)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: server.quietLogger))
        let task = Task {
            do {
                try await group.run()
                waiter.resolve(.failure(EmulatorStartError.stoppedBeforeListening))
            } catch {
                waiter.resolve(.failure(error))
                throw error
            }
        }
        let (host, port) = try await waiter.wait()
        let scheme = configuration.tls == nil ? "http" : "https"
        guard let endpoint = URL(string: "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)") else {
            await group.triggerGracefulShutdown()
            throw EmulatorStartError.stoppedBeforeListening
        }
        return RunningEmulator(endpoint: endpoint, service: service, group: group, task: task)
    }

    /// Stops the server gracefully and waits for it to close.
    package func stop() async {
        service.beginStopping()
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// Hands the bound address from the server task to the starter, exactly once.
private final class ListeningWaiter: Sendable {
    private enum State {
        case waiting([CheckedContinuation<(String, Int), any Error>])
        case done(Result<(String, Int), any Error>)
    }

    private let state = Mutex<State>(.waiting([]))

    func resolve(_ result: Result<(String, Int), any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<(String, Int), any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .done(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    func wait() async throws -> (String, Int) {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<(String, Int), any Error>? in
                switch state {
                case .waiting(let waiters):
                    state = .waiting(waiters + [continuation])
                    return nil
                case .done(let result):
                    return result
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
