#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a log line into space-separated fields, where `"…"` and `[…]` groups are one field each.
///
/// Inside quotes a backslash escapes the next byte (Apache writes `\"`; nginx writes `\x22`), so a quoted
/// field ends only at an unescaped `"`. Runs of spaces separate fields. Quoted and bracketed fields are found
/// with `memchr`, which reads many bytes at a time.
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
        guard let base = line.baseAddress else { return nil }
        let count = line.count
        while position < count && base[position] == 0x20 { position += 1 }
        guard position < count, !unterminated else { return nil }
        let first = base[position]
        let start = position + 1
        if first == 0x22 {
            // The closing quote is the first one not escaped by an odd run of backslashes before it.
            var from = start
            while true {
                guard let hit = memchr(base + from, 0x22, count - from) else {
                    unterminated = true
                    return nil
                }
                let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var backslashes = 0
                while quote - backslashes > start && base[quote - backslashes - 1] == 0x5C { backslashes += 1 }
                if backslashes % 2 == 0 {
                    position = quote + 1
                    let hasBackslash = memchr(base + start, 0x5C, quote - start) != nil
                    return Field(range: start..<quote, kind: .quoted, hasBackslash: hasBackslash)
                }
                from = quote + 1
            }
        }
        if first == 0x5B {
            guard let hit = memchr(base + start, 0x5D, count - start) else {
                unterminated = true
                return nil
            }
            let close = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            position = close + 1
            return Field(range: start..<close, kind: .bracketed, hasBackslash: false)
        }
        var end = position
        while end < count && base[end] != 0x20 { end += 1 }
        defer { position = end }
        return Field(range: position..<end, kind: .bare, hasBackslash: false)
    }

    /// Reads up to `fields.count` next fields into `fields`; returns how many were read.
    mutating func fill(_ fields: UnsafeMutableBufferPointer<Field>) -> Int {
        var count = 0
        while count < fields.count, let field = next() {
            fields[count] = field
            count += 1
        }
        return count
    }

    /// Calls `body` with up to `count` next fields, held on the stack (no allocation per line), and whether a
    /// quoted or bracketed field among them was not closed.
    mutating func withFields<Result>(
        upTo count: Int, _ body: (_ fields: UnsafeBufferPointer<Field>, _ unterminated: Bool) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: Field.self, capacity: count) { buffer in
            let filled = fill(buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[..<filled]), unterminated)
        }
    }
}
