/// RFC 4180 encoding of report rows, with spreadsheet formula injection defused.
enum CSVEncoding {
    /// Appends one row as a record: its cells in column order, joined by `,`, ended by `\n`.
    static func appendRecord(_ row: ReportRow, to output: inout [UInt8]) {
        appendField(row.url, to: &output)
        appendField(row.type?.rawValue ?? "", after: 0x2C, to: &output)
        appendField(row.status.rawValue, after: 0x2C, to: &output)
        appendNumber(row.priority, after: 0x2C, to: &output)
        appendNumber(row.hits, after: 0x2C, to: &output)
        appendNumber(row.occurrences, after: 0x2C, to: &output)
        appendField(row.source, after: 0x2C, to: &output)
        appendNumber(row.batch, after: 0x2C, to: &output)
        appendNumber(row.attempts, after: 0x2C, to: &output)
        appendNumber(row.httpStatus, after: 0x2C, to: &output)
        appendField(row.errorCode, after: 0x2C, to: &output)
        appendField(row.errorMessage, after: 0x2C, to: &output)
        appendField(row.requestID, after: 0x2C, to: &output)
        appendField(row.taskID, after: 0x2C, to: &output)
        appendField(row.taskStatus, after: 0x2C, to: &output)
        appendField(row.coveredBy, after: 0x2C, to: &output)
        appendField(row.prefetch, after: 0x2C, to: &output)
        appendField(row.prefetchTaskID, after: 0x2C, to: &output)
        appendField(row.verify, after: 0x2C, to: &output)
        output.append(0x0A)
    }

    @inline(__always)
    private static func appendField(_ text: String, after separator: UInt8, to output: inout [UInt8]) {
        output.append(separator)
        appendField(text, to: &output)
    }

    @inline(__always)
    private static func appendNumber(_ value: Int?, after separator: UInt8, to output: inout [UInt8]) {
        output.append(separator)
        appendNumber(value, to: &output)
    }

    /// Appends a number cell: its digits, or nothing for an empty cell.
    static func appendNumber(_ value: Int?, to output: inout [UInt8]) {
        guard let value else { return }
        if (0..<10).contains(value) {
            output.append(0x30 + UInt8(value))
        } else {
            output.append(contentsOf: String(value).utf8)
        }
    }

    /// Appends the header record.
    static func appendHeader(to output: inout [UInt8]) {
        output.append(contentsOf: ReportRow.columns.joined(separator: ",").utf8)
        output.append(0x0A)
    }

    /// Appends a text field: control characters and bidi controls are escaped (reversibly); a text that begins with
    /// `=`, `+`, `-` or `@` and is not a plain number gets a leading `'`; a field holding `,` or `"` is quoted with
    /// inner quotes doubled.
    static func appendField(_ text: String, to output: inout [UInt8]) {
        if text.isEmpty { return }
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendField(bytes: $0, to: &output) }
        if done == nil {
            var copy = text
            copy.withUTF8 { appendField(bytes: $0, to: &output) }
        }
    }

    /// Appends a text field given as UTF-8 bytes (see ``appendField(_:to:)``); control characters and bidi controls
    /// are escaped first (``ControlEscaping/escapeCell(_:)``).
    static func appendField(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if ControlEscaping.cellNeedsEscaping(bytes) {
            var escaped = ControlEscaping.escapeCell(String(decoding: bytes, as: UTF8.self))
            escaped.withUTF8 { appendEscapedField(bytes: $0, to: &output) }
        } else {
            appendEscapedField(bytes: bytes, to: &output)
        }
    }

    /// Appends a text field whose controls are escaped already: defused and quoted as RFC 4180 wants.
    private static func appendEscapedField(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let first = bytes.first else { return }
        let defused = (first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40) && !isPlainNumber(bytes)
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if needsQuotes { output.append(0x22) }
        if defused { output.append(0x27) }
        if needsQuotes {
            for b in bytes {
                if b == 0x22 { output.append(0x22) }
                output.append(b)
            }
            output.append(0x22)
        } else {
            output.append(contentsOf: bytes)
        }
    }

    /// `-12`, `+3.5`: a sign, digits, at most one dot.
    static func isPlainNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlainNumber($0) }
    }

    static func isPlainNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = text[...]
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
