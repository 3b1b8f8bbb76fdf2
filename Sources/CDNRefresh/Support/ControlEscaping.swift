/// Makes text from outside — input lines, file names, API messages — safe to show: control characters and
/// Unicode bidi controls are written as escapes, so a terminal never runs them (`ESC[2J`, an OSC 8 link, a bell) and
/// never shows text reversed (RLO).
///
/// `\xHH` for U+0000–U+00FF (C0 and C1 controls, DEL), `\uHHHH` for the bidi controls (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069). In a report cell the escaping is reversible: a backslash that would read as the
/// start of an escape (one followed by `x`, `u` or another backslash) is written `\\`; ``unescapeCell(_:)`` gives
/// back the original text. On a terminal newlines stay (they shape the messages) and backslashes are left alone.
package enum ControlEscaping {
    /// A report cell's text, escaped reversibly (a TAB stays).
    package static func escapeCell(_ text: String) -> String {
        escape(text, keepingNewlines: false, reversible: true)
    }

    /// Text for a terminal (newlines and TABs stay).
    package static func escapeForTerminal(_ text: String) -> String {
        escape(text, keepingNewlines: true, reversible: false)
    }

    /// The original of a cell ``escapeCell(_:)`` wrote.
    package static func unescapeCell(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)[...]
        var result = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else {
                result.append(scalar)
                continue
            }
            let digits = next == "x" ? 2 : next == "u" ? 4 : 0
            if next == "\\" {
                scalars.removeFirst()
                result.append("\\")
            } else if digits > 0, scalars.count > digits,
                let value = UInt32(String(String.UnicodeScalarView(scalars.dropFirst().prefix(digits))), radix: 16),
                let decoded = Unicode.Scalar(value)
            {
                scalars.removeFirst(digits + 1)
                result.append(decoded)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether a cell's UTF-8 bytes hold anything ``escapeCell(_:)`` changes; `false` for plain ASCII text.
    static func cellNeedsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x09: continue
            case 0x00..<0x20, 0x7F: return true
            case 0x5C:
                if index + 1 < bytes.count, [0x78, 0x75, 0x5C].contains(bytes[index + 1]) { return true }
            case 0xC2, 0xD8, 0xE2: return true  // lead bytes of C1 controls and bidi controls (and some neighbours)
            default: continue
            }
        }
        return false
    }

    private static func escape(_ text: String, keepingNewlines: Bool, reversible: Bool) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if scalar == "\t" || (keepingNewlines && scalar == "\n") {
                result.append(scalar)
            } else if value < 0x20 || (0x7F...0x9F).contains(value) {
                result.append(contentsOf: "\\x\(hex(value, 2))".unicodeScalars)
            } else if isBidiControl(value) {
                result.append(contentsOf: "\\u\(hex(value, 4))".unicodeScalars)
            } else if reversible, scalar == "\\", index + 1 < scalars.count,
                ["x", "u", "\\"].contains(scalars[index + 1])
            {
                result.append(contentsOf: "\\\\".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        value == 0x061C || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
