import Foundation
import TestSupport
import Testing

/// A hostile input — control sequences in its lines and in its name — never reaches the terminal as one.
@Suite("faults: escape sequences and bidi overrides")
struct TerminalEscapeTests {
    let directory = TemporaryDirectory()

    @Test("ESC[2J, OSC 8, BEL and RLO in lines and file names are escaped on stdout, on stderr and in the report")
    func escaped() async throws {
        let name = "in\u{1B}[2J\u{202E}put.txt"
        let lines = [
            "\u{1B}[2J\u{1B}]8;;https://evil.example/\u{07}click\u{1B}]8;;\u{07}",
            "https://www.example.com/ok.png",
            "/\u{202E}gpj.exe",
        ]
        let path = directory.write(name, text: lines.joined(separator: "\n") + "\n")
        let result = try await CommandRunner.run(
            ["plan", path, "--no-state", "--log-level", "debug"], environment: ["HOME": directory.path])
        #expect(result.status == 1, "\(result.stderr)")
        for stream in [result.stdout, result.stderr] {
            #expect(!stream.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        }
        #expect(result.stdout.contains("\\x1B[2J\\x1B]8;;https://evil.example/\\x07click"))
        #expect(result.stdout.contains("in\\x1B[2J\\u202Eput.txt:1"))
        #expect(result.stderr.contains("in\\x1B[2J\\u202Eput.txt"))
    }
}
