import Foundation
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("The one atomic file writer")
struct AtomicFileTests {
    let directory = TemporaryDirectory()

    func write(_ text: String, to path: String, mode: mode_t) throws(FileWriteFailure) {
        try AtomicFile.replace(path, mode: mode) { fd throws(FileWriteFailure) in
            try AtomicFile.writeAll(Array(text.utf8), to: fd)
        }
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test("the file gets exactly the caller's mode, whatever the umask, and replaces the old one")
    func modes() throws {
        let path = directory.file("out.txt")
        // 0666: the usual umask (022) would take group and other write away.
        try write("one", to: path, mode: 0o666)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o666)
        try write("two", to: path, mode: 0o600)
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try leftovers().isEmpty)
    }

    @Test("a failed write leaves neither the file nor a temporary one, and says which step failed")
    func failures() throws {
        #expect(throws: FileWriteFailure.self) { try write("x", to: directory.file("missing/out.txt"), mode: 0o600) }
        do {
            try write("x", to: directory.file("missing/out.txt"), mode: 0o600)
        } catch {
            #expect(error.step == .create)
        }
        let path = directory.file("half.txt")
        #expect(throws: FileWriteFailure.self) {
            try AtomicFile.replace(path, mode: 0o600) { _ throws(FileWriteFailure) in
                throw FileWriteFailure(.write, reason: "disk full")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try leftovers().isEmpty)
    }
}

@Suite("The one JSON writer")
struct JSONTextTests {
    struct Sample: Codable, Equatable {
        var zebra = 1
        var apple = "a/b"
        var middle: Double = 2
        var absent: Int?
    }

    @Test("keys sorted, slashes as they are, whole doubles without a fraction, nil keys left out")
    func shape() {
        #expect(JSONText.encode(Sample()) == #"{"apple":"a/b","middle":2,"zebra":1}"#)
        #expect(JSONText.decode(Sample.self, from: JSONText.encode(Sample())) == Sample())
        #expect(JSONText.decode(Sample.self, from: "not json") == nil)
    }
}
