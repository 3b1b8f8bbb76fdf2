import AsyncHTTPClient
import Logging
import Synchronization

/// HTTP clients for requests to many hosts, one per route: a direct one, and one per proxy in use.
///
/// A client's proxy is fixed when it is made, hence one per route. Call ``shutdown()`` on every path.
package final class RoutedClients: Sendable {
    private let network: NetworkSettings
    private let base: HTTPClient.Configuration
    private let logger: Logger
    private let clients = Mutex<[String: HTTPClient]>([:])

    /// - Parameter base: every client's settings but the proxy and TLS.
    package init(network: NetworkSettings, base: HTTPClient.Configuration, logger: Logger) {
        self.network = network
        self.base = base
        self.logger = logger
    }

    /// The proxies' verdicts of the run, shared with every other client of the same settings.
    package var gate: ProxyGate { network.gate }

    /// The client for `url`, and its route (check its ``NetworkSettings/Route/blocked`` before sending).
    package func client(for url: String) -> (HTTPClient, NetworkSettings.Route) {
        var configuration = base
        let route = network.apply(to: &configuration, for: url, logger: logger)
        let key = route.proxy.map { "\($0)" } ?? "direct"
        let client = clients.withLock { clients in
            if let existing = clients[key] { return existing }
            let made = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[key] = made
            return made
        }
        return (client, route)
    }

    package func shutdown() async {
        let all = clients.withLock { clients in
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }
}
