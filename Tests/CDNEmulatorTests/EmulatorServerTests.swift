import AlibabaCDN
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator over HTTP", .serialized)
struct EmulatorServerTests {
    let logger = Logger(label: "emulator-test")

    func start(_ configuration: EmulatorConfiguration = EmulatorConfiguration()) async throws -> RunningEmulator {
        var configuration = configuration
        configuration.port = 0
        return try await RunningEmulator.start(configuration: configuration, logger: logger)
    }

    func client(
        _ emulator: RunningEmulator, secret: String = EmulatorConfiguration.sandboxAccessKeySecret, timeout: Double = 10
    )
        -> CDNClient
    {
        CDNClient(
            configuration: ClientConfiguration(endpoint: emulator.endpoint, timeoutSeconds: timeout),
            credentials: Credentials(
                accessKeyID: EmulatorConfiguration.sandboxAccessKeyID, accessKeySecret: secret, origin: "test"),
            logger: logger)
    }

    @Test("the client's signed calls succeed end to end: quota, refresh, task status")
    func roundTrip() async throws {
        let emulator = try await start(EmulatorConfiguration(completeAfterSeconds: 0))
        let client = client(emulator)
        do {
            let quota = try await client.describeRefreshQuota()
            #expect(quota.urlRemain == 2000 && quota.directoryRemain == 100)
            let submitted = try await client.refreshObjectCaches(
                objectPath: "https://a.example.com/1.png\nhttps://b.example.com/%E4%B8%AD.png", objectType: .file)
            #expect(submitted.taskIDs.count == 2)
            let tasks = try await client.describeRefreshTaskByID(submitted.taskIDs)
            #expect(tasks.tasks.map(\.status) == ["Complete", "Complete"])
            #expect(try await client.describeRefreshQuota().urlRemain == 1998)
            let page = try await client.describeRefreshTasks(
                RefreshTasksFilter(objectPath: "https://a.example.com/1.png"))
            #expect(page.tasks.count == 1)
        } catch {
            Issue.record("unexpected failure: \(error)")
        }
        await client.shutdown()
        await emulator.stop()
    }

    @Test("a wrong secret comes back as SignatureDoesNotMatch, classified as an authentication failure")
    func wrongSecret() async throws {
        let emulator = try await start()
        let client = client(emulator, secret: "not-the-secret")
        do {
            _ = try await client.describeRefreshQuota()
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.classification == .authentication)
            #expect(error.httpStatus == 400)
        }
        await client.shutdown()
        await emulator.stop()
    }

    @Test("a dropped connection is an ambiguous transport failure, and the emulator did accept the URL")
    func droppedConnection() async throws {
        let emulator = try await start(EmulatorConfiguration(dropRate: 1))
        let client = client(emulator)
        do {
            _ = try await client.refreshObjectCaches(objectPath: "https://a.example.com/x", objectType: .file)
            Issue.record("expected the connection to drop")
        } catch {
            #expect(error.outcomeIsUnknown)
            #expect(error.classification == .retryable)
        }
        #expect(emulator.service.acceptedCounts() == ["https://a.example.com/x": 1])
        await client.shutdown()
        await emulator.stop()
    }

    @Test("latency longer than the client's timeout is a timed-out call with an unknown outcome")
    func latencyTimeout() async throws {
        let emulator = try await start(EmulatorConfiguration(latencyMilliseconds: 1500))
        let client = client(emulator, timeout: 0.3)
        do {
            _ = try await client.describeRefreshQuota()
            Issue.record("expected a timeout")
        } catch {
            #expect(error == .transport(TransportFailure(kind: .timedOut, detail: "timed out after 0.3 s")))
        }
        await client.shutdown()
        await emulator.stop()
    }

    @Test("garbage bytes and oversized bodies get a 4xx or a closed connection, and the server keeps serving")
    func hostileInput() async throws {
        let emulator = try await start(EmulatorConfiguration(maxBodyBytes: 64 * 1024))
        let port = emulator.endpoint.port ?? 0
        let garbage = await RawSocket.exchange(port: port, bytes: Array("\u{16}\u{03}\u{01}garbage\r\n\r\n".utf8)) ?? []
        let garbageText = String(decoding: garbage, as: UTF8.self)
        #expect(garbage.isEmpty || garbageText.hasPrefix("HTTP/1.1 4"))
        let hugeHeader = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 200_000) + "\r\n\r\n"
        let headerBytes = await RawSocket.exchange(port: port, bytes: Array(hugeHeader.utf8)) ?? []
        let headerAnswer = String(decoding: headerBytes, as: UTF8.self)
        #expect(headerAnswer.isEmpty || headerAnswer.hasPrefix("HTTP/1.1 4"))

        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        var request = HTTPClientRequest(url: emulator.endpoint.absoluteString + "/?Action=RefreshObjectCaches")
        request.method = .POST
        request.body = .bytes(ByteBuffer(repeating: 0x41, count: 256 * 1024))
        let status: UInt?
        do {
            let response = try await http.execute(request, timeout: .seconds(5))
            status = response.status.code
            _ = try? await response.body.collect(upTo: 1 << 20)
        } catch {
            status = nil  // a closed connection is an acceptable answer too
        }
        #expect(status == nil || status == 413)
        try await http.shutdown()

        let client = client(emulator)
        do {
            #expect(try await client.describeRefreshQuota().urlRemain == 2000)
        } catch {
            Issue.record("the server stopped serving: \(error)")
        }
        await client.shutdown()
        await emulator.stop()
    }
}
