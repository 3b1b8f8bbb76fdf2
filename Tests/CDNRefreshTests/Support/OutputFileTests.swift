import Foundation
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("Where a file the tool was asked for may be written")
struct OutputFileTests {
    let directory = TemporaryDirectory()

    @Test("a new or regular file is itself; a link the user owns leads to its target, dangling or not")
    func allowed() throws {
        let new = directory.file("new.csv")
        #expect(OutputFile.resolve(new) == .success(new))
        let regular = directory.write("old.csv", text: "old")
        #expect(OutputFile.resolve(regular) == .success(regular))
        let link = directory.file("latest.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: regular)
        #expect(OutputFile.resolve(link) == .success(OutputFile.canonical(regular)))
        let dangling = directory.file("dangling.csv")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "later.csv")
        #expect(OutputFile.resolve(dangling) == .success(directory.file("later.csv")))
    }

    @Test("a device, a FIFO, a directory, or a link to one, is refused")
    func notRegular() throws {
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in ["/dev/null", fifo, directory.path] {
            #expect(OutputFile.resolve(path) == .failure(.notRegular(path)))
        }
        let link = directory.file("to-null")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        #expect(OutputFile.resolve(link) == .failure(.notRegular(link)))
    }

    @Test(
        "a link another user planted is not followed (as root: the link is given to nobody)",
        .enabled(if: Requirement.root.runs, Requirement.root.missing), .requires(.root))
    func foreignLink() throws {
        let target = directory.write("root-owned.conf", text: "precious")
        let link = directory.file("report.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(lchown(link, 65534, 65534) == 0)
        #expect(OutputFile.resolve(link) == .failure(.foreignLink(link, owner: 65534)))
        let rows = [ReportRow(url: "https://a.com/x", type: .file, status: .planned, source: "x:1", batch: 1)]
        #expect(throws: ReportError.self) { try ReportWriter.write(rows, to: .file(link)) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
    }

    @Test("a file can be created beside a path, or why not")
    func writable() throws {
        #expect((try? OutputFile.checkWritable(directory.file("r.csv")).get()) != nil)
        guard case .failure(.unwritable) = OutputFile.checkWritable(directory.file("missing/r.csv")) else {
            Issue.record("a missing directory is not writable")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
