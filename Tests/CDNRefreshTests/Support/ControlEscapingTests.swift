import Testing

@testable import CDNRefresh

@Suite("Control characters and bidi controls, escaped")
struct ControlEscapingTests {
    static let hostile = [
        "\u{1B}[2J\u{1B}]8;;https://evil.example/\u{07}click\u{1B}]8;;\u{07}", "abc\u{202E}gpj.exe", "bell\u{07}",
        "nul\u{0}end", "C1 \u{9B}31m", "\\x1b is text, not an escape", "C:\\logs\\x.log", "tab\tstays", "line\nbreak",
        "café ✓ — … 中文",
    ]

    @Test("a cell: ESC, OSC 8, BEL, NUL, C1 and RLO become escapes; the original comes back", arguments: hostile)
    func cellsRoundTrip(text: String) {
        let escaped = ControlEscaping.escapeCell(text)
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" })
        #expect(!escaped.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(ControlEscaping.unescapeCell(escaped) == text)
    }

    @Test("the escapes a cell gets, exactly")
    func cellForms() {
        #expect(ControlEscaping.escapeCell("\u{1B}[2J") == "\\x1B[2J")
        #expect(ControlEscaping.escapeCell("a\u{202E}b") == "a\\u202Eb")
        #expect(ControlEscaping.escapeCell("\\x22 and \\y") == "\\\\x22 and \\y")
        #expect(ControlEscaping.escapeCell("plain ascii, 100%") == "plain ascii, 100%")
    }

    @Test("a terminal keeps newlines and backslashes, and gets no control sequence")
    func terminal() {
        #expect(ControlEscaping.escapeForTerminal("a\nb\u{1B}[31m\\x") == "a\nb\\x1B[31m\\x")
        #expect(ControlEscaping.escapeForTerminal("\u{2066}x\u{2069}") == "\\u2066x\\u2069")
    }

    @Test("a report row with a hostile cell is one CSV line, defused")
    func reportRow() {
        var row = ReportRow(url: "\u{1B}[2J=cmd", type: nil, status: .invalid, source: "in\u{202E}put.log:3")
        row.errorMessage = "bad\r\nline"
        var bytes: [UInt8] = []
        CSVEncoding.appendRecord(row, to: &bytes)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "\\x1B[2J=cmd,,invalid,,,,in\\u202Eput.log:3,,,,,bad\\x0D\\x0Aline,,,,,,,\n")
    }
}
