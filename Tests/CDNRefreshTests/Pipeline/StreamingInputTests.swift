import Foundation
import Logging
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("Streaming a large input")
struct StreamingInputTests {
    /// Reads `repeats` copies of a generated log written into a pipe by another thread, as `-`.
    func readThroughStandardInput(repeats: Int) -> (reading: InputReading, bytes: Int) {
        let log = GeneratedLogs.accessLog(lines: 20_000, seed: 3)
        let pipe = Pipe()
        let writer = Thread {
            for _ in 0..<repeats { pipe.fileHandleForWriting.write(Data(log)) }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        var configuration = PipelineConfiguration(inputs: [.standardInput])
        configuration.normalization.defaultDomain = "www.example.com"
        let pipeline = PlanningPipeline(
            configuration: configuration, standardInput: pipe.fileHandleForReading.fileDescriptor)
        let reading = pipeline.readInputs(logger: Logger(label: "test"))
        return (reading, log.count * repeats)
    }

    @Test("a log through standard input streams in fixed buffers: reading 4 times more holds no more memory")
    func boundedBuffers() throws {
        let (small, _) = readThroughStandardInput(repeats: 2)
        let (large, bytes) = readThroughStandardInput(repeats: 8)
        let digest = try #require(large.digests.first)
        let reader = try #require(digest.reader)
        let smallReader = try #require(small.digests.first?.reader)

        // Every line arrived: 20,000 records and one line over 64 KiB per copy.
        #expect(digest.counters.lines == 8 * 20_001)
        #expect(digest.damage == nil)
        #expect(reader.chunks >= bytes / InputReader().chunkSize)

        // The ring is fixed, and a line spanning two buffers is held once, never beyond the line limit, however
        // long the input: the over-long line of each copy is skipped, not gathered.
        #expect(reader.bufferBytes == InputReader().chunkCount * InputReader().chunkSize)
        #expect(reader.bufferBytes == smallReader.bufferBytes)
        #expect(reader.peakLineBytes <= LineSplitter.defaultMaxLineLength + 1)
        #expect(reader.peakLineBytes < 4096 && smallReader.peakLineBytes < 4096)

        // The same URLs read 4 times as often cost the same table space: counters, not text.
        #expect(large.distinctURLsRead == small.distinctURLsRead)
        // Footprints count array capacity, which on Linux is the allocator's usable size: a block glibc maps
        // rather than carves from the heap is rounded up to a page, and which one it does depends on what the
        // rest of the process freed before. Allow that rounding per table, nothing more.
        let pageRounding = 3 * 4096
        #expect(abs(large.hits.footprint - small.hits.footprint) <= pageRounding)
        #expect(large.candidateCount == small.candidateCount)
        #expect(abs(large.candidates.footprint - small.candidates.footprint) <= pageRounding)
    }
}
