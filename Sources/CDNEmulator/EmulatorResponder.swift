import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

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
