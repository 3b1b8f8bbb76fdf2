/// Reads a GetLogs answer — GetLogsV2's `{"meta": {"progress": …}, "data": [rows]}` or the v1 API's bare array of
/// rows — into rows of strings, in one pass over the bytes.
///
/// An aggregate of a million URLs is a hundred pages of ten thousand rows: read through `JSONDecoder`'s generic
/// dictionaries, decoding took longer than SLS took to count. This reader knows the one shape SLS answers in (flat
/// rows of scalars; every value a string in practice) and builds each row's dictionary directly; a number, `true`,
/// `false` or `null` becomes its text (`null`: empty). Anything it does not understand — malformed JSON, a nested
/// value in a row — is `nil`, and the caller says the answer could not be read.
struct SLSAnswerReader {
    /// The rows, and `meta.progress` when the answer has one.
    struct Answer: Equatable {
        var rows: [[String: String]]
        var progress: String?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The answer in `bytes`, or `nil` when they are not one.
    static func read(_ bytes: [UInt8]) -> Answer? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = SLSAnswerReader(buffer)
            guard let answer = reader.answer(), reader.atEnd() else { return nil }
            return answer
        }
    }

    // MARK: - The shapes

    private mutating func answer() -> Answer? {
        skipSpace()
        guard let byte = peek() else { return nil }
        if byte == UInt8(ascii: "[") { return rows().map { Answer(rows: $0, progress: nil) } }
        guard byte == UInt8(ascii: "{") else { return nil }
        var answer = Answer(rows: [], progress: nil)
        var sawData = false
        let complete = members { reader, key in
            switch key {
            case "data":
                guard let rows = reader.rows() else { return false }
                answer.rows = rows
                sawData = true
                return true
            case "meta":
                return reader.meta(&answer.progress)
            default:
                return reader.skipValue()
            }
        }
        return complete && sawData ? answer : nil
    }

    /// `meta`: its `progress` string, other members skipped.
    private mutating func meta(_ progress: inout String?) -> Bool {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { return skipValue() }
        var found: String?
        let complete = members { reader, key in
            guard key == "progress" else { return reader.skipValue() }
            found = reader.scalar()
            return found != nil
        }
        progress = found
        return complete
    }

    /// An array of flat objects of scalars.
    private mutating func rows() -> [[String: String]]? {
        skipSpace()
        guard take(UInt8(ascii: "[")) else { return nil }
        var rows: [[String: String]] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return rows }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "{") else { return nil }
            var row: [String: String] = [:]
            row.reserveCapacity(8)
            let complete = members { reader, key in
                guard let value = reader.scalar() else { return false }
                row[key] = value
                return true
            }
            guard complete else { return nil }
            rows.append(row)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]")) ? rows : nil
        }
    }

    /// Reads `{ "key": value, … }`, handing each key to `member`, which reads the value; whether it all read.
    private mutating func members(_ member: (inout SLSAnswerReader, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")), member(&self, key) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    // MARK: - Values

    /// A string, number, `true`, `false` or `null` (as empty), as text.
    private mutating func scalar() -> String? {
        skipSpace()
        guard let byte = peek() else { return nil }
        if byte == UInt8(ascii: "\"") { return string() }
        let start = index
        while let next = peek(), !Self.isDelimiter(next) { index += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        switch text {
        case "null": return ""
        case "true", "false": return text
        default: return Self.isNumber(text) ? text : nil
        }
    }

    /// Skips any value, nested or not.
    private mutating func skipValue() -> Bool {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "{"): return members { reader, _ in reader.skipValue() }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                guard skipValue() else { return false }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        case nil: return false
        default: return scalar() != nil
        }
    }

    /// A JSON string: plain runs copied at once, escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX`
    /// with surrogate pairs) decoded.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        if take(UInt8(ascii: "\"")) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
        }
        var decoded = Array(bytes[start..<index])
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"): guard unescape(into: &decoded) else { return nil }
            case ..<0x20: return nil
            default: decoded.append(byte)
            }
        }
        return nil
    }

    private mutating func unescape(into decoded: inout [UInt8]) -> Bool {
        guard let escape = peek() else { return false }
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            guard var scalar = hex4() else { return false }
            if (0xD800..<0xDC00).contains(scalar), take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")),
                let low = hex4(), (0xDC00..<0xE000).contains(low)
            {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            decoded.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
        default: return false
        }
        return true
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count,
            let value = UInt32(
                String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + 4)]), as: UTF8.self), radix: 16)
        else { return nil }
        index += 4
        return value
    }

    // MARK: - Bytes

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20
            || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// JSON's number grammar: `-? int frac? exp?`.
    private static func isNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let integer = rest.prefix { $0.isASCII && $0.isNumber }
        guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
        rest = rest.dropFirst(integer.count)
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count + 1)
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }
}
