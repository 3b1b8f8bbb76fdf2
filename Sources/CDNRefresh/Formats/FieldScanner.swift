/// Splits a log line into space-separated fields, where `"…"` and `[…]` groups are one field each.
///
/// Inside quotes a backslash escapes the next byte (Apache writes `\"`; nginx writes `\x22`), so a quoted
/// field ends only at an unescaped `"`. Runs of spaces separate fields.
struct FieldScanner {
    enum Kind: Equatable {
        case bare
        case quoted
        case bracketed
    }

    struct Field {
        /// The field's bytes, without its quotes or brackets.
        var range: Range<Int>
        var kind: Kind
        /// Whether a backslash occurs inside (so escapes must be decoded).
        var hasBackslash: Bool
    }

    let line: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Set when a quoted or bracketed field has no closing delimiter.
    private(set) var unterminated = false

    init(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
    }

    mutating func next() -> Field? {
        while position < line.count && line[position] == 0x20 { position += 1 }
        guard position < line.count, !unterminated else { return nil }
        let first = line[position]
        if first == 0x22 {
            let start = position + 1
            var i = start
            var backslash = false
            while i < line.count {
                let b = line[i]
                if b == 0x5C {
                    backslash = true
                    i += 2
                    continue
                }
                if b == 0x22 { break }
                i += 1
            }
            guard i < line.count else {
                unterminated = true
                return nil
            }
            position = i + 1
            return Field(range: start..<i, kind: .quoted, hasBackslash: backslash)
        }
        if first == 0x5B {
            let start = position + 1
            var i = start
            while i < line.count && line[i] != 0x5D { i += 1 }
            guard i < line.count else {
                unterminated = true
                return nil
            }
            position = i + 1
            return Field(range: start..<i, kind: .bracketed, hasBackslash: false)
        }
        let start = position
        var i = start
        while i < line.count && line[i] != 0x20 { i += 1 }
        position = i
        return Field(range: start..<i, kind: .bare, hasBackslash: false)
    }

    /// Reads the next `count` fields into `fields`; returns how many were read.
    mutating func fill(_ fields: inout [Field], upTo count: Int) -> Int {
        fields.removeAll(keepingCapacity: true)
        while fields.count < count, let field = next() {
            fields.append(field)
        }
        return fields.count
    }
}
