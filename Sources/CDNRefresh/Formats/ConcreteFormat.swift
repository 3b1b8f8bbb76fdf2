/// A format a line can actually be parsed in.
package enum ConcreteFormat: String, Sendable, CaseIterable {
    case manifest
    case combined
    case alicdn
    case oss

    /// Picks the format of an input from its first non-comment line.
    ///
    /// A line starting with `[` is an Alibaba CDN log; `host ident user [time] "request"` is a combined log,
    /// or an OSS log when it has the OSS field count and a quoted operation name; anything else is a manifest.
    static func sniff(_ line: UnsafeBufferPointer<UInt8>) -> ConcreteFormat {
        var scanner = FieldScanner(line)
        return scanner.withFields(upTo: 24) { fields, _ in
            if let first = fields.first, first.kind == .bracketed,
                fields.count >= 7, fields[5].kind == .quoted
            {
                return .alicdn
            }
            if fields.count >= 7, fields[3].kind == .bracketed, fields[4].kind == .quoted {
                if fields.count >= 17, fields[14].kind == .quoted, fields[16].kind == .quoted,
                    isOperationName(line, fields[14].range)
                {
                    return .oss
                }
                return .combined
            }
            return .manifest
        }
    }

    private static func isOperationName(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first, (0x41...0x5A).contains(line[first]) else { return false }
        return line[range].allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }
}
