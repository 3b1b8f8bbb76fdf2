/// RFC 4180 encoding of report rows, with spreadsheet formula injection defused.
enum CSVEncoding {
    /// Appends one record (cells joined by `,`, ended by `\n`).
    static func appendRecord(_ cells: [ReportCell], to output: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(0x2C) }
            switch cell {
            case .number(let value):
                if let value { output.append(contentsOf: String(value).utf8) }
            case .text(let text):
                appendField(text, to: &output)
            }
        }
        output.append(0x0A)
    }

    /// Appends the header record.
    static func appendHeader(to output: inout [UInt8]) {
        output.append(contentsOf: ReportRow.columns.joined(separator: ",").utf8)
        output.append(0x0A)
    }

    /// Appends a text field: a text that begins with `=`, `+`, `-` or `@` and is not a plain number gets a
    /// leading `'`; a field holding `,`, `"`, CR or LF is quoted with inner quotes doubled.
    static func appendField(_ text: String, to output: inout [UInt8]) {
        var value = text
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40,
            !isPlainNumber(value)
        {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            output.append(contentsOf: value.utf8)
            return
        }
        output.append(0x22)
        for b in value.utf8 {
            if b == 0x22 { output.append(0x22) }
            output.append(b)
        }
        output.append(0x22)
    }

    /// `-12`, `+3.5`: a sign, digits, at most one dot.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let first = bytes.first, first == 0x2B || first == 0x2D { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty else { return false }
        var dots = 0
        for b in bytes {
            if b == 0x2E {
                dots += 1
                if dots > 1 { return false }
            } else if !(0x30...0x39).contains(b) {
                return false
            }
        }
        return bytes.contains { (0x30...0x39).contains($0) }
    }
}
