/// A path glob: `*` matches within one segment, `**` across segments, `?` one character of a segment, and
/// `**/` any number of whole segments (including none).
package struct GlobPattern: Sendable, Equatable {
    enum Token: Equatable {
        case literal(UInt8)
        case anyCharacter
        case star
        case doubleStar
        case segments
    }

    let tokens: [Token]
    /// The pattern in canonical path form.
    package let text: String

    /// Compiles a glob; its literal characters are encoded like URL paths so that `/中文/*` matches the
    /// canonical `/%E4%B8%AD%E6%96%87/…`.
    package init?(_ pattern: String) {
        guard pattern.hasPrefix("/") else { return nil }
        var bytes: [UInt8] = []
        var pattern = pattern
        pattern.withUTF8 { source in
            let capacity = source.count * 3 + 1
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { buffer.deallocate() }
            var writer = ByteWriter(base: buffer)
            PercentEncoding.appendEscaped(source, component: .query, to: &writer)
            bytes = Array(UnsafeBufferPointer(start: buffer, count: writer.count))
        }
        var tokens: [Token] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x2A {
                    if i + 2 < bytes.count, bytes[i + 2] == 0x2F {
                        tokens.append(.segments)
                        i += 3
                    } else {
                        tokens.append(.doubleStar)
                        i += 2
                    }
                } else {
                    tokens.append(.star)
                    i += 1
                }
            } else if b == 0x3F {
                tokens.append(.anyCharacter)
                i += 1
            } else {
                tokens.append(.literal(b))
                i += 1
            }
        }
        self.tokens = tokens
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the whole of `path` matches.
    package func matches(_ path: Substring.UTF8View) -> Bool {
        let text = Array(path)
        var current = [Bool](repeating: false, count: text.count + 1)
        current[0] = true
        var next = current
        for token in tokens {
            for j in 0...text.count { next[j] = false }
            switch token {
            case .literal(let byte):
                for j in 0..<text.count where current[j] && text[j] == byte { next[j + 1] = true }
            case .anyCharacter:
                for j in 0..<text.count where current[j] && text[j] != 0x2F { next[j + 1] = true }
            case .star:
                for j in 0...text.count {
                    next[j] = current[j] || (j > 0 && next[j - 1] && text[j - 1] != 0x2F)
                }
            case .doubleStar:
                for j in 0...text.count { next[j] = current[j] || (j > 0 && next[j - 1]) }
            case .segments:
                var reached = false
                for j in 0...text.count {
                    if j > 0 && text[j - 1] == 0x2F && reached { next[j] = true }
                    if current[j] { next[j] = true }
                    reached = reached || current[j]
                }
            }
            swap(&current, &next)
        }
        return current[text.count]
    }
}
