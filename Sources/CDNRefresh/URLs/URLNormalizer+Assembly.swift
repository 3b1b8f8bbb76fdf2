extension URLNormalizer {
    /// Writes `scheme://host` and the canonical path and query of `rest` into `buffer`.
    static func compose(
        scheme: URLScheme,
        host: String,
        rest: UnsafeBufferPointer<UInt8>,
        relativePath: Bool,
        encoding: PathEncoding,
        type: EntryType,
        query queryMode: QueryMode,
        into buffer: inout URLBuffer
    ) {
        let (pathEnd, queryRange) = pathAndQuery(of: rest, encoding: encoding, type: type)
        let path = UnsafeBufferPointer(rebasing: rest[..<pathEnd])
        let query: UnsafeBufferPointer<UInt8>? =
            if queryMode == .keep, type == .file, let queryRange, !queryRange.isEmpty {
                UnsafeBufferPointer(rebasing: rest[queryRange])
            } else {
                nil
            }
        let capacity =
            scheme.rawValue.utf8.count + 3 + host.utf8.count + 2 + 3 * path.count + 1 + 3 * (query?.count ?? 0) + 2
        buffer.write(capacity: capacity) { writer in
            writer.append(scheme.rawValue)
            writer.append(0x3A)
            writer.append(0x2F)
            writer.append(0x2F)
            writer.append(host)
            let pathStart = writer.count
            appendPath(path, relativePath: relativePath, encoding: encoding, type: type, to: &writer)
            var queryStart: Int?
            if let query {
                queryStart = writer.count
                writer.append(0x3F)
                PercentEncoding.appendEscaped(query, component: .query, to: &writer)
            }
            return (pathStart, queryStart)
        }
    }

    /// Where the path of `rest` ends and its query lies: a raw OSS key is all path, a regex keeps everything, and
    /// otherwise the path ends at `?` or `#` and the query at `#`.
    @inline(__always)
    static func pathAndQuery(
        of rest: UnsafeBufferPointer<UInt8>, encoding: PathEncoding, type: EntryType
    ) -> (pathEnd: Int, query: Range<Int>?) {
        guard encoding == .escaped && type != .regex else { return (rest.count, nil) }
        var i = 0
        while i < rest.count {
            let b = rest[i]
            if b == 0x3F || b == 0x23 { break }
            i += 1
        }
        guard i < rest.count, rest[i] == 0x3F else { return (i, nil) }
        var j = i + 1
        while j < rest.count && rest[j] != 0x23 { j += 1 }
        return (i, (i + 1)..<j)
    }

    /// Appends the canonical path: a leading `/`, encoded for its type and encoding, dot segments removed (but in a
    /// regex), and a directory's trailing `/`.
    @inline(__always)
    static func appendPath(
        _ path: UnsafeBufferPointer<UInt8>, relativePath: Bool, encoding: PathEncoding, type: EntryType,
        to writer: inout ByteWriter
    ) {
        let pathStart = writer.count
        if relativePath || path.first != 0x2F { writer.append(0x2F) }
        switch (type, encoding) {
        case (.regex, _):
            PercentEncoding.appendPattern(path, to: &writer)
        case (_, .escaped):
            PercentEncoding.appendEscaped(path, component: .path, to: &writer)
        case (_, .raw):
            PercentEncoding.appendRaw(path, component: .path, to: &writer)
        }
        if type != .regex {
            writer.truncate(to: DotSegments.remove(in: writer.base, start: pathStart, end: writer.count))
        }
        if type == .directory && writer.base[writer.count - 1] != 0x2F {
            writer.append(0x2F)
        }
    }
}
