import Foundation
import NIOCore
import Testing

@testable import AlibabaCDN

@Suite("Downloads: signed URLs and the stream to a blocking reader")
struct FileDownloaderTests {
    @Test("a path without a scheme is fetched over https; plain http only to loopback")
    func schemes() {
        func url(_ path: String) -> String? { try? FileDownloader.url(for: path, name: "n").get() }
        #expect(url("cdnlog.oss.aliyuncs.com/a.gz?Signature=x") == "https://cdnlog.oss.aliyuncs.com/a.gz?Signature=x")
        #expect(url("https://cdnlog.oss.aliyuncs.com/a.gz") == "https://cdnlog.oss.aliyuncs.com/a.gz")
        #expect(url("http://127.0.0.1:8080/cdn-logs/a.gz") == "http://127.0.0.1:8080/cdn-logs/a.gz")
        #expect(url("http://localhost/a.gz") != nil && url("http://[::1]:80/a.gz") != nil)
        #expect(url("http://cdnlog.oss.aliyuncs.com/a.gz") == nil)
        #expect(url("ftp://cdnlog.oss.aliyuncs.com/a.gz") == nil)
        if case .failure(let failure) = FileDownloader.url(for: "http://evil.example/a.gz?Signature=s", name: "a.gz") {
            #expect(failure.name == "a.gz" && !"\(failure)".contains("Signature"))
        } else {
            Issue.record("plain http to another host was accepted")
        }
    }

    @Test("a failure's text leaves the URL and its signed query out")
    func redaction() {
        let url = "https://oss.example/a.gz?OSSAccessKeyId=AK&Expires=1&Signature=s3cr3t"
        let text = FileDownloader.redact(
            "error fetching \(url) and OSSAccessKeyId=AK&Expires=1&Signature=s3cr3t", url: url)
        #expect(!text.contains("s3cr3t") && !text.contains("OSSAccessKeyId"))
    }

    @Test("the producer waits while the buffer is full; the reader gets every byte, then the failure")
    func boundedThenFailure() async throws {
        let stream = DownloadStream(name: "f.gz", limit: 8)
        let producer = Task {
            for part in 0..<4 {
                _ = await stream.push(ByteBuffer(bytes: Array(repeating: UInt8(part), count: 8)))
            }
            stream.finish(failure: DownloadFailure(name: "f.gz", reason: "cut", delivered: stream.delivered))
        }
        try await Task.sleep(for: .milliseconds(50))
        // One part is buffered and the producer waits: nothing more was taken from the network.
        #expect(stream.delivered == 8)
        let received = await Task.detached { () -> ([UInt8], DownloadFailure?) in
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 5)
            do {
                while true {
                    let n = try buffer.withUnsafeMutableBytes { try stream.read(bytesInto: $0) }
                    if n == 0 { return (bytes, nil) }
                    bytes += buffer[0..<n]
                }
            } catch {
                return (bytes, error as? DownloadFailure)
            }
        }.value
        await producer.value
        #expect(received.0.count == 32 && received.0.last == 3)
        #expect(received.1?.delivered == 32 && received.1?.reason == "cut")
    }

    @Test("a cancelled stream tells its producer to stop")
    func cancel() async {
        let stream = DownloadStream(name: "f.gz", limit: 4)
        stream.cancel()
        #expect(await stream.push(ByteBuffer(bytes: [1, 2, 3])) == false)
        #expect(stream.isCancelled)
    }
}
