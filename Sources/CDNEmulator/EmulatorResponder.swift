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
    let logger: Logger

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
        if let reply = service.handleLogDownload(emulated) {
            if reply.status == 200 {
                logger.info(
                    "Served a CDN log file", metadata: ["log.name": "\(emulated.path.split(separator: "/").last ?? "")"]
                )
            }
            let service = self.service
            return Self.response(reply, stopping: { service.isStopping })
        }
        if let reply = service.handleSLS(emulated) { return Self.response(reply) }
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

    /// The answer to send; a stalled body stays silent until `stopping` says the emulator is stopping (a graceful
    /// shutdown waits for every answer to end).
    static func response(_ reply: EmulatorReply, stopping: @escaping @Sendable () -> Bool = { false }) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let body = reply.body
        let status = HTTPResponse.Status(code: reply.status)
        if let every = reply.trickleEvery {
            return Response(
                status: status, headers: fields,
                body: ResponseBody(contentLength: body.count) { writer in
                    for byte in body {
                        guard !stopping() else { throw CancellationError() }
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: .seconds(every))
                    }
                    try await writer.finish(nil)
                })
        }
        guard body.count > 64 * 1024 || reply.cutAfter != nil || reply.stallAfter != nil else {
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        // Large bodies go out in parts, as a file server streams them; a cut one stops part-way and the
        // connection closes short of its Content-Length; a stalled one stops part-way and says nothing more.
        let stall = reply.stallAfter.map { min($0, body.count) }
        let cut = stall ?? reply.cutAfter.map { min($0, body.count) } ?? body.count
        return Response(
            status: status, headers: fields,
            body: ResponseBody(contentLength: body.count) { writer in
                var offset = 0
                while offset < cut {
                    let end = min(cut, offset + 64 * 1024)
                    try await writer.write(ByteBuffer(bytes: body[offset..<end]))
                    offset = end
                }
                if stall != nil {
                    // Silence until the client gives up (the write fails) or the emulator stops.
                    while !stopping() { try await Task.sleep(for: .milliseconds(100)) }
                }
                guard cut == body.count else { throw CancellationError() }
                try await writer.finish(nil)
            })
    }
}
