import CDNRefresh
import Foundation
import Support
import TestSupport
import Testing

@testable import CDNRefresh

/// Reads a file through `InputReader` and returns its lines as text, the rejected line numbers and the damage.
private func readLines(_ path: String, reader: InputReader = InputReader())
    -> (lines: [String], tooLong: [Int], cutOff: [String], damage: InputError?, gzip: Bool)
{
    var lines: [String] = []
    var tooLong: [Int] = []
    var cutOff: [String] = []
    let outcome = reader.read(.file(path)) { event in
        switch event {
        case .line(let bytes, _): lines.append(String(decoding: bytes, as: UTF8.self))
        case .tooLong(let number): tooLong.append(number)
        case .cutOff(let bytes, _): cutOff.append(String(decoding: bytes, as: UTF8.self))
        }
    }
    return (lines, tooLong, cutOff, outcome.damage, outcome.wasGzip)
}

@Suite("Gzip and plain input")
struct GzipInputTests {
    let directory = TemporaryDirectory()
    let text = (1...2000).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }.joined(separator: "\n") + "\n"

    @Test("a single gzip member decodes to every line")
    func singleMember() {
        let path = directory.write("one.gz", bytes: GzipWriter.compress(text))
        let result = readLines(path)
        #expect(result.gzip)
        #expect(result.damage == nil)
        #expect(result.lines.count == 2000)
        #expect(result.lines.last == "line 2000 " + String(repeating: "x", count: 2000 % 97))
    }

    @Test("concatenated gzip members are decoded to the end")
    func concatenatedMembers() {
        let first = GzipWriter.compress("a\nb\n")
        let second = GzipWriter.compress("c\nd")
        let third = GzipWriter.compress("")
        let path = directory.write("cat.gz", bytes: first + second + third + GzipWriter.compress("e\n"))
        let result = readLines(path)
        #expect(result.damage == nil)
        #expect(result.lines == ["a", "b", "c", "de"])
    }

    @Test("a file cut mid-stream keeps the lines before the cut and is reported truncated")
    func cutMidStream() throws {
        let compressed = GzipWriter.compress(text)
        let path = directory.write("cut.gz", bytes: Array(compressed.prefix(compressed.count / 2)))
        let result = readLines(path)
        #expect(result.damage == .truncatedGzip(path: path))
        #expect(result.lines.count > 100)
        #expect(result.lines.count < 2000)
        // Every delivered line is a complete original line; the partial one is reported, not lost.
        let original = text.split(separator: "\n").map(String.init)
        #expect(Array(original.prefix(result.lines.count)) == result.lines)
        #expect(result.cutOff.count == 1)
        let partial = try #require(result.cutOff.first)
        #expect(original[result.lines.count].hasPrefix(partial))
    }

    @Test("a file cut inside the 8-byte trailer delivers all data but is reported truncated")
    func cutInTrailer() {
        let compressed = GzipWriter.compress(text)
        let path = directory.write("trailer.gz", bytes: Array(compressed.dropLast(4)))
        let result = readLines(path)
        #expect(result.damage == .truncatedGzip(path: path))
        #expect(result.lines.count == 2000)
        #expect(result.cutOff.isEmpty)
    }

    @Test("a header-only gzip file is truncated with no lines")
    func headerOnly() {
        let path = directory.write("header.gz", bytes: Array(GzipWriter.compress(text).prefix(10)))
        let result = readLines(path)
        #expect(result.damage == .truncatedGzip(path: path))
        #expect(result.lines.isEmpty)
    }

    @Test("a corrupt header after the magic bytes is a corrupt gzip file")
    func corruptHeader() {
        let path = directory.write("bad.gz", bytes: [0x1f, 0x8b, 0x08, 0x00] + Array("000000:000000".utf8))
        let result = readLines(path)
        guard case .corruptGzip(let reported, _) = result.damage else {
            Issue.record("expected corruptGzip, got \(String(describing: result.damage))")
            return
        }
        #expect(reported == path)
    }

    @Test("a checksum mismatch is reported after the data is delivered")
    func checksumMismatch() {
        var compressed = GzipWriter.compress("alpha\nbeta\n")
        compressed[compressed.count - 8] ^= 0xFF
        let path = directory.write("crc.gz", bytes: compressed)
        let result = readLines(path)
        #expect(result.lines == ["alpha", "beta"])
        guard case .corruptGzip(_, let detail) = result.damage else {
            Issue.record("expected corruptGzip")
            return
        }
        #expect(detail.contains("check"))
    }

    @Test("bytes that are not gzip after a member are reported; NUL padding is not")
    func trailingBytes() {
        let member = GzipWriter.compress("x\ny\n")
        let garbage = directory.write("garbage.gz", bytes: member + Array("not gzip".utf8))
        let padded = directory.write("padded.gz", bytes: member + [UInt8](repeating: 0, count: 512))
        let withGarbage = readLines(garbage)
        #expect(withGarbage.lines == ["x", "y"])
        #expect(withGarbage.damage == .trailingGarbage(path: garbage))
        let withPadding = readLines(padded)
        #expect(withPadding.lines == ["x", "y"])
        #expect(withPadding.damage == nil)
    }

    @Test("an empty file has no lines and no damage")
    func emptyFile() {
        let path = directory.write("empty", bytes: [])
        let result = readLines(path)
        #expect(result.lines.isEmpty && result.damage == nil && !result.gzip)
    }

    @Test("plain text starting with x^ (a valid zlib header) is read as text, not inflated")
    func plainTextLookingLikeZlib() {
        let path = directory.write("x.txt", text: "x^ is not zlib\nsecond\n")
        let result = readLines(path)
        #expect(!result.gzip)
        #expect(result.damage == nil)
        #expect(result.lines == ["x^ is not zlib", "second"])
    }

    @Test("a one-byte file holding 0x1f is plain text")
    func oneByteMagic() {
        let path = directory.write("one", bytes: [0x1f])
        let result = readLines(path)
        #expect(!result.gzip)
        #expect(result.lines == ["\u{1f}"])
    }

    @Test("a missing file and a directory are named as unopenable")
    func unopenable() {
        let missing = readLines(directory.file("nope.gz"))
        guard case .cannotOpen(let path, _) = missing.damage else {
            Issue.record("expected cannotOpen")
            return
        }
        #expect(path == directory.file("nope.gz"))
        guard case .cannotOpen(_, let reason) = readLines(directory.path).damage else {
            Issue.record("expected cannotOpen for a directory")
            return
        }
        #expect(reason.contains("directory"))
    }

    @Test("a gzip file larger than the decoder's buffers streams through in chunks")
    func largeStream() {
        let big = (1...60_000).map { "/assets/\($0).js" }.joined(separator: "\n")
        let path = directory.write("big.gz", bytes: GzipWriter.compress(big))
        var reader = InputReader()
        reader.chunkSize = 4096
        let result = readLines(path, reader: reader)
        #expect(result.lines.count == 60_000)
        #expect(result.lines[59_999] == "/assets/60000.js")
    }

    @Test(
        "the corpus's corrupt gzip file is reported, not crashed on",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus))
    func corpusBrokenGzip() {
        let path = PackageLocations.corpusFile("lnav/broken.txt.gz")
        guard case .corruptGzip = readLines(path).damage else {
            Issue.record("expected corruptGzip")
            return
        }
    }
}

@Suite("Line splitting")
struct LineSplitterTests {
    let directory = TemporaryDirectory()

    @Test("CRLF and LF line ends, a BOM and a last line without newline")
    func lineEnds() {
        let path = directory.write("crlf.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\nthree".utf8))
        #expect(readLines(path).lines == ["one", "two", "three"])
    }

    @Test("a BOM is only skipped at the start of the input")
    func bomOnlyFirst() {
        let path = directory.write("bom.txt", bytes: Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8))
        #expect(readLines(path).lines == ["a", "\u{FEFF}b"])
    }

    @Test("lines over 64 KiB are rejected without stopping the input", arguments: [4096, 256 * 1024])
    func longLines(chunkSize: Int) {
        let limit = LineSplitter.defaultMaxLineLength
        let exact = String(repeating: "a", count: limit)
        let over = String(repeating: "b", count: limit + 1)
        let huge = String(repeating: "c", count: limit * 5)
        let path = directory.write("long-\(chunkSize).txt", text: "first\n\(exact)\n\(over)\n\(huge)\r\nlast")
        var reader = InputReader()
        reader.chunkSize = chunkSize
        let result = readLines(path, reader: reader)
        #expect(result.lines.count == 3)
        #expect(result.lines.first == "first")
        #expect(result.lines[1].count == limit)
        #expect(result.lines.last == "last")
        #expect(result.tooLong == [3, 4])
    }

    @Test("a line split across read chunks is joined")
    func splitAcrossChunks() {
        let lines = (0..<500).map { "entry-\($0)-" + String(repeating: "z", count: $0) }
        let path = directory.write("chunks.txt", text: lines.joined(separator: "\r\n"))
        var reader = InputReader()
        reader.chunkSize = 100
        #expect(readLines(path, reader: reader).lines == lines)
    }

    @Test("standard input is read through a pipe")
    func standardInput() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(GzipWriter.compress("s1\ns2\n")))
        try pipe.fileHandleForWriting.close()
        var lines: [String] = []
        let outcome = InputReader().read(.standardInput, standardInput: pipe.fileHandleForReading.fileDescriptor) {
            if case .line(let bytes, _) = $0 { lines.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(outcome.wasGzip)
        #expect(lines == ["s1", "s2"])
    }
}
