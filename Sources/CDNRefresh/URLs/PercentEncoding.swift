/// Canonical percent-encoding of URL paths and queries (RFC 3986 §6.2.2).
enum PercentEncoding {
    /// Which raw bytes a component may keep.
    enum Component {
        case path
        case query

        /// The bytes this component keeps as they are (`%` is not among them: it is an escape or data).
        @inline(__always)
        var verbatim: ByteMask {
            switch self {
            case .path: ByteMask.pathBytes
            case .query: ByteMask.queryBytes
            }
        }
    }

    /// Appends bytes in which `%XX` sequences are escapes.
    ///
    /// An escape of an unreserved character is decoded, other escapes are kept with upper-case hex (so `%2F`,
    /// `%3F` and `%25` survive), a `%` not followed by two hex digits becomes `%25`, and every byte the
    /// component may not hold raw (non-ASCII, space, `"`, `<`, `|` …) is encoded. Runs of bytes that need no
    /// change — most URLs are one such run — are copied at once.
    static func appendEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, component: Component, to writer: inout ByteWriter
    ) {
        guard let base = bytes.baseAddress else { return }
        let verbatim = component.verbatim
        var i = 0
        let n = bytes.count
        while i < n {
            let runStart = i
            while i < n && verbatim.contains(base[i]) { i += 1 }
            if i > runStart { writer.append(base + runStart, count: i - runStart) }
            guard i < n else { return }
            let b = base[i]
            if b == 0x25 {
                if i + 2 < n,
                    let high = URLByte.hexValue(base[i + 1]), let low = URLByte.hexValue(base[i + 2])
                {
                    let value = high << 4 | low
                    if URLByte.isUnreserved(value) {
                        writer.append(value)
                    } else {
                        writer.append(0x25)
                        writer.append(URLByte.hexDigit(high))
                        writer.append(URLByte.hexDigit(low))
                    }
                    i += 3
                } else {
                    writer.append(0x25)
                    writer.append(0x32)
                    writer.append(0x35)
                    i += 1
                }
            } else {
                writer.appendPercentEncoded(b)
                i += 1
            }
        }
    }

    /// Appends bytes that are data, not escapes (an OSS object key): every byte the component may not hold raw,
    /// `%` included, is encoded.
    static func appendRaw(
        _ bytes: UnsafeBufferPointer<UInt8>, component: Component, to writer: inout ByteWriter
    ) {
        let verbatim = component.verbatim
        for b in bytes {
            if verbatim.contains(b) {
                writer.append(b)
            } else {
                writer.appendPercentEncoded(b)
            }
        }
    }

    /// Appends a regex path: ASCII punctuation is the pattern and stays; only non-ASCII bytes, controls and
    /// spaces are encoded.
    static func appendPattern(_ bytes: UnsafeBufferPointer<UInt8>, to writer: inout ByteWriter) {
        for b in bytes {
            if b <= 0x20 || b >= 0x7F {
                writer.appendPercentEncoded(b)
            } else {
                writer.append(b)
            }
        }
    }

    /// Decodes every `%XX` escape (used for hosts and OSS object names); malformed escapes stay as they are.
    static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = Array(bytes)[...]
        while let b = iterator.first {
            if b == 0x25, iterator.count >= 3,
                let high = URLByte.hexValue(iterator[iterator.startIndex + 1]),
                let low = URLByte.hexValue(iterator[iterator.startIndex + 2])
            {
                out.append(high << 4 | low)
                iterator = iterator.dropFirst(3)
            } else {
                out.append(b)
                iterator = iterator.dropFirst()
            }
        }
        return out
    }
}
