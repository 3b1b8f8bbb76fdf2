import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The request context: Hummingbird's core storage plus the connection, so an injected drop can close it.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

/// Answers every request through ``EmulatorService``; paths other than `/` get Alibaba's "api not found".
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let service: EmulatorService

    func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: service.configuration.maxBodyBytes)
        } catch {
            var response = Self.response(EmulatorService.reply(EmulatorFailure.bodyTooLarge))
            response.headers[.connection] = "close"
            return response
        }
        var headers: [(name: String, value: String)] = request.headers.map { ($0.name.rawName, $0.value) }
        if let authority = request.head.authority, !headers.contains(where: { $0.name.lowercased() == "host" }) {
            headers.append(("host", authority))
        }
        let emulated = EmulatorRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: headers, body: Array(buffer: body))
        if let reply = await service.handleAtEdge(emulated) { return Self.response(reply) }
        let outcome = service.handle(emulated)
        if outcome.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(outcome.delayMilliseconds))
        }
        switch outcome.action {
        case .respond(let reply):
            return Self.response(reply)
        case .drop:
            // Accepted, then the connection goes away without an answer, as a crashed proxy would do it.
            try? await context.channel.close()
            throw CancellationError()
        }
    }

    static func response(_ reply: EmulatorReply) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

/// The emulator's HTTP server (Hummingbird, HTTP/1.1, loopback by default).
package final class EmulatorServer: Sendable {
    package let service: EmulatorService
    private let logger: Logger

    /// The logger handed to Hummingbird (warnings and worse unless debugging).
    var quietLogger: Logger { logger }

    /// Creates a server; Hummingbird's own chatter is kept to warnings unless `logger` asks for debug.
    package init(service: EmulatorService, logger: Logger) {
        self.service = service
        var quieter = logger
        if quieter.logLevel > .debug { quieter.logLevel = max(quieter.logLevel, .warning) }
        self.logger = quieter
    }

    /// Serves until the task is cancelled, or — with `handleSignals` — until SIGINT or SIGTERM.
    ///
    /// - Parameter onListening: called once with the bound host and port (the real port when configured as 0).
    package func run(handleSignals: Bool, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let application = makeApplication(onListening: onListening)
        if handleSignals {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } else {
            try await application.run()
        }
    }

    /// The Hummingbird application, for callers that run it in their own `ServiceGroup`.
    func makeApplication(onListening: @escaping @Sendable (String, Int) async -> Void)
        -> some ApplicationProtocol & Service
    {
        let configuration = service.configuration
        return Application(
            responder: EmulatorResponder(service: service),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "cdn-refresh-emulator"),
            onServerRunning: { channel in
                await onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
            },
            logger: logger)
    }
}
