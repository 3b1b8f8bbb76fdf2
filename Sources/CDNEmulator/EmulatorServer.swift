import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// The emulator's HTTP server (Hummingbird, HTTP/1.1, loopback by default).
package final class EmulatorServer: Sendable {
    package let service: EmulatorService
    private let logger: Logger
    /// What the emulator itself says (a CDN log file served), at the level asked for.
    private let eventLogger: Logger

    /// The logger handed to Hummingbird (warnings and worse unless debugging).
    var quietLogger: Logger { logger }

    /// Creates a server; Hummingbird's own chatter is kept to warnings unless `logger` asks for debug.
    package init(service: EmulatorService, logger: Logger) {
        self.service = service
        self.eventLogger = logger
        var quieter = logger
        if quieter.logLevel > .debug { quieter.logLevel = max(quieter.logLevel, .warning) }
        self.logger = quieter
    }

    /// Serves until the task is cancelled, or — with `handleSignals` — until SIGINT or SIGTERM.
    ///
    /// - Parameter onListening: called once with the bound host and port (the real port when configured as 0).
    package func run(handleSignals: Bool, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let application = try makeApplication(onListening: onListening)
        if handleSignals {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } else {
            try await application.run()
        }
    }

    /// The Hummingbird application, for callers that run it in their own `ServiceGroup`.
    ///
    /// - Throws: ``EmulatorStartError/tls(_:)`` when the configured certificate or key cannot be used.
    func makeApplication(onListening: @escaping @Sendable (String, Int) async -> Void) throws
        -> some ApplicationProtocol & Service
    {
        let configuration = service.configuration
        var server = HTTPServerBuilder.http1()
        if let files = configuration.tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain).map {
                    NIOSSLCertificateSource.certificate($0)
                }
                let tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: chain,
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: files.privateKey, format: .pem)))
                server = try .tls(.http1(), tlsConfiguration: tls)
            } catch {
                throw EmulatorStartError.tls("\(error)")
            }
        }
        return Application(
            responder: EmulatorResponder(service: service, logger: eventLogger), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "cdn-refresh-emulator"),
            onServerRunning: { channel in
                await onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
            },
            logger: logger)
    }
}
