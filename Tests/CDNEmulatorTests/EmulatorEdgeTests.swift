import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: the edge")
struct EmulatorEdgeTests {
    let origin = TemporaryDirectory()

    func harness(keepsStale: Set<String> = [], style: EmulatorConfiguration.EdgeStyle = .generic) -> Harness {
        var configuration = EmulatorConfiguration(completeAfterSeconds: 2)
        configuration.edgeOrigin = origin.path
        configuration.edgeKeepsStale = keepsStale
        configuration.edgeStyle = style
        return Harness(configuration)
    }

    func get(_ harness: Harness, _ path: String, method: String = "GET", range: String? = nil) async -> EmulatorReply {
        var headers: [(name: String, value: String)] = [("Host", "www.example.com")]
        if let range { headers.append(("Range", range)) }
        let request = EmulatorRequest(method: method, path: path, query: "", headers: headers, body: [])
        return await harness.service.handleAtEdge(request) ?? EmulatorReply(status: 0, body: [])
    }

    @Test("a miss fills the cache from the origin; later requests hit it, with their Age; HEAD and Range work")
    func missThenHit() async {
        origin.write("a.txt", text: "version 1")
        let harness = harness()
        let first = await get(harness, "/a.txt")
        #expect(first.status == 200 && first.headers["X-Cache"] == "MISS" && first.headers["Age"] == "0")
        #expect(String(decoding: first.body, as: UTF8.self) == "version 1")
        origin.write("a.txt", text: "version 2")
        harness.clock.advance(by: 30)
        let second = await get(harness, "/a.txt")
        #expect(second.headers["X-Cache"] == "HIT" && second.headers["Age"] == "30")
        #expect(String(decoding: second.body, as: UTF8.self) == "version 1")
        let head = await get(harness, "/a.txt", method: "HEAD")
        #expect(
            head.body.isEmpty && head.headers["Content-Length"] == "9" && head.headers["ETag"] == first.headers["ETag"])
        let byte = await get(harness, "/a.txt", range: "bytes=0-0")
        #expect(byte.status == 206 && byte.body.count == 1 && byte.headers["Content-Range"] == "bytes 0-0/9")
        #expect(await get(harness, "/missing.txt").status == 404)
        // API calls are not edge requests.
        #expect(await harness.service.handleAtEdge(harness.signer.v1(.describeRefreshQuota(), method: "GET")) == nil)
    }

    @Test("a completed File refresh evicts; a Directory refresh expires what it covers; not before completion")
    func refreshes() async {
        origin.write("a.txt", text: "v1")
        try? FileManager.default.createDirectory(atPath: origin.file("d"), withIntermediateDirectories: true)
        origin.write("d/b.txt", text: "v1")
        let harness = harness()
        _ = await get(harness, "/a.txt")
        _ = await get(harness, "/d/b.txt")
        origin.write("a.txt", text: "v2")
        origin.write("d/b.txt", text: "v2")
        #expect(harness.refresh(["https://www.example.com/a.txt"]).status == 200)
        #expect(harness.refresh(["https://www.example.com/d/"], type: .directory).status == 200)
        harness.clock.advance(by: 1)
        #expect(await get(harness, "/a.txt").headers["X-Cache"] == "HIT")  // the task is not complete yet
        harness.clock.advance(by: 2)
        let evicted = await get(harness, "/a.txt")
        #expect(evicted.headers["X-Cache"] == "MISS" && String(decoding: evicted.body, as: UTF8.self) == "v2")
        let expired = await get(harness, "/d/b.txt")
        #expect(expired.headers["X-Cache"] == "MISS" && String(decoding: expired.body, as: UTF8.self) == "v2")
    }

    @Test("a node that missed the purge keeps serving the old copy")
    func keepsStale() async {
        origin.write("a.txt", text: "v1")
        let harness = harness(keepsStale: ["https://www.example.com/a.txt"])
        _ = await get(harness, "/a.txt")
        _ = harness.refresh(["https://www.example.com/a.txt"])
        harness.clock.advance(by: 5)
        let answer = await get(harness, "/a.txt")
        #expect(answer.headers["X-Cache"] == "HIT" && answer.headers["Age"] == "5")
    }

    @Test("a completed PushObjectCache task fills the cache and spends the preload quota")
    func prefetchFills() async throws {
        origin.write("p.txt", text: "pushed")
        let harness = harness()
        let push = harness.call(.pushObjectCache(objectPath: "https://www.example.com/p.txt"))
        #expect(push.status == 200 && (push.json["PushTaskId"] as? String)?.isEmpty == false)
        harness.clock.advance(by: 3)
        let answer = await get(harness, "/p.txt")
        #expect(answer.headers["X-Cache"] == "HIT")
        let quota = try harness.call(.describeRefreshQuota()).decode(RefreshQuotaResponse.self)
        #expect(quota.preloadRemain == 999)
    }

    @Test("Alibaba style: X-Cache codes, X-Swift-SaveTime, Ali-Swift-Global-Savetime, Via, and no Age")
    func alibabaHeaders() async throws {
        origin.write("a.txt", text: "version 1")
        let harness = harness(style: .alibaba)
        let stored = harness.clock.now()
        let first = await get(harness, "/a.txt")
        #expect(first.headers["X-Cache"] == "MISS TCP_MISS dirn:-2:-2" && first.headers["Age"] == nil)
        #expect(first.headers["X-Swift-SaveTime"] == EmulatorEdge.httpDate(stored))
        #expect(first.headers["Ali-Swift-Global-Savetime"] == String(Int64(stored.timeIntervalSince1970)))
        #expect(first.headers["Via"]?.hasSuffix(",M]") == true && first.headers["X-Swift-CacheTime"] == "3600")
        harness.clock.advance(by: 30)
        let second = await get(harness, "/a.txt")
        #expect(second.headers["X-Cache"]?.hasPrefix("HIT TCP_MEM_HIT") == true)
        #expect(second.headers["X-Swift-SaveTime"] == EmulatorEdge.httpDate(stored))
        #expect(second.headers["Date"] == EmulatorEdge.httpDate(harness.clock.now()))
        #expect(second.headers["Via"]?.hasSuffix(",H]") == true && second.headers["X-Swift-CacheTime"] == "3570")
    }

    @Test("Alibaba style: an expired object unchanged at the origin is TCP_REFRESH_HIT and keeps its first save time")
    func revalidation() async throws {
        try FileManager.default.createDirectory(atPath: origin.file("d"), withIntermediateDirectories: true)
        origin.write("d/same.txt", text: "same")
        origin.write("d/changed.txt", text: "v1")
        let harness = harness(style: .alibaba)
        let first = harness.clock.now()
        _ = await get(harness, "/d/same.txt")
        _ = await get(harness, "/d/changed.txt")
        origin.write("d/changed.txt", text: "v2")
        #expect(harness.refresh(["https://www.example.com/d/"], type: .directory).status == 200)
        harness.clock.advance(by: 3)
        let same = await get(harness, "/d/same.txt")
        #expect(same.headers["X-Cache"]?.hasPrefix("HIT TCP_REFRESH_HIT") == true)
        #expect(same.headers["X-Swift-SaveTime"] == EmulatorEdge.httpDate(harness.clock.now()))
        #expect(same.headers["Ali-Swift-Global-Savetime"] == String(Int64(first.timeIntervalSince1970)))
        let changed = await get(harness, "/d/changed.txt")
        #expect(changed.headers["X-Cache"]?.hasPrefix("MISS TCP_REFRESH_MISS") == true)
        #expect(String(decoding: changed.body, as: UTF8.self) == "v2")
        #expect(
            changed.headers["Ali-Swift-Global-Savetime"] == String(Int64(harness.clock.now().timeIntervalSince1970)))
    }
}
