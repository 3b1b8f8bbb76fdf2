import CDNRefresh
import Foundation
import Logging
import Support
import Synchronization
import TestSupport
import Testing

@testable import CDNRefresh

/// Bytes handed out a few at a time, then the end or a failure, as a download delivers them.
final class ScriptedStream: RemoteByteStream {
    private struct State {
        var bytes: [UInt8]
        var offset = 0
        var cancelled = false
    }

    private let state: Mutex<State>
    private let failure: InputError?

    init(_ bytes: [UInt8], failure: InputError? = nil) {
        state = Mutex(State(bytes: bytes))
        self.failure = failure
    }

    var cancelled: Bool { state.withLock { $0.cancelled } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = state.withLock { state -> Int in
            let n = min(buffer.count, 1000, state.bytes.count - state.offset)
            state.bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[state.offset..<(state.offset + n)]))
            }
            state.offset += n
            return n
        }
        if n == 0, let failure { throw failure }
        return n
    }

    func cancel() { state.withLock { $0.cancelled = true } }
}

@Suite("Remote inputs: cdn: operands and CDN log files read as they download")
struct RemoteInputTests {
    let logger = Logger(label: "test")

    static func remote(_ name: String, _ stream: ScriptedStream) -> InputSource {
        .remote(RemoteInput(name: "cdn:www.example.com/" + name, fileName: name, open: { stream }))
    }

    @Test("operands: cdn:DOMAIN names a domain's logs (lower case); ./cdn:x is a file; - is standard input")
    func operands() {
        #expect(InputSource(operand: "cdn:WWW.Example.com") == .cdnLogs(domain: "www.example.com"))
        #expect(InputSource(operand: "CDN:a.com").displayName == "cdn:a.com")
        #expect(InputSource(operand: "./cdn:x") == .file("./cdn:x"))
        #expect(InputSource(operand: "-") == .standardInput)
    }

    @Test(
        "a log file is read as alicdn whatever --format says, path-only records take the file's domain, rows are cdn:DOMAIN/LogName:line"
    )
    func readsAsAliCDN() throws {
        let name = "www.example.com_2026_11_24_020000_030000.gz"
        let log = """
            [24/Nov/2026:02:00:01 +0800] 1.2.3.4 - 10 "-" "GET https://www.example.com/a.png" 500 100 200 MISS "ua" "image/png"
            [24/Nov/2026:02:00:02 +0800] 1.2.3.4 - 10 "-" "GET /b.png" 502 100 200 MISS "ua" "image/png"
            not a log line

            """
        let stream = ScriptedStream(GzipWriter.compress(log))
        var configuration = PipelineConfiguration(inputs: [Self.remote(name, stream)], format: .manifest)
        configuration.selection = SelectionRules(methods: ["GET"], statuses: [500...599])
        let pipeline = PlanningPipeline(configuration: configuration)
        var reading = pipeline.readInputs(logger: logger)
        #expect(reading.digests[0].format == .alicdn && reading.digests[0].wasGzip && reading.digests[0].damage == nil)
        let plan = pipeline.plan(
            reading: &reading, quota: RefreshQuota(urls: 10, directories: 0, regex: 0, ignoreParams: 0))
        #expect(
            Set(plan.batches.flatMap(\.urls)) == ["https://www.example.com/a.png", "https://www.example.com/b.png"])
        #expect(
            plan.invalid.map { $0.source.text(inputNames: pipeline.inputNames) } == ["cdn:www.example.com/\(name):3"])
        #expect(stream.cancelled, "the stream is released when the file is read")
    }

    @Test("a download that fails part-way: the lines before it are used, and the input is damaged")
    func damage() {
        let name = "www.example.com_2026_11_24_020000_030000.gz"
        let lines = (0..<500).map {
            "[24/Nov/2026:02:00:01 +0800] 1.2.3.4 - 10 \"-\" \"GET https://www.example.com/\($0).png\" 500 1 2 MISS \"ua\" \"t\""
        }
        let whole = GzipWriter.compress(lines.joined(separator: "\n") + "\n")
        let failure = InputError.readFailed(path: "cdn:www.example.com/" + name, reason: "the connection ended")
        let stream = ScriptedStream(Array(whole.prefix(whole.count / 2)), failure: failure)
        var configuration = PipelineConfiguration(inputs: [Self.remote(name, stream)])
        configuration.selection = SelectionRules(methods: ["GET"], statuses: [500...599])
        let reading = PlanningPipeline(configuration: configuration).readInputs(logger: logger)
        #expect(reading.digests[0].damage == failure)
        #expect(reading.candidateCount > 0 && reading.candidateCount < 500)
        #expect("\(failure)".contains("cdn:www.example.com/\(name)"))
    }

    @Test("an unlisted cdn: input, or one whose listing failed, cannot be opened, and says why")
    func unlisted() {
        let configuration = PipelineConfiguration(inputs: [
            .cdnLogs(domain: "a.example.com"), .unavailable(name: "cdn:b.example.com", reason: "the API said no"),
        ])
        let digests = PlanningPipeline(configuration: configuration).readInputs(logger: logger).digests
        #expect(digests.map { $0.damage?.path } == ["cdn:a.example.com", "cdn:b.example.com"])
        #expect("\(digests[1].damage!)".contains("the API said no"))
    }
}
