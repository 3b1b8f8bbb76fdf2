extension URLNormalizer {
    /// The fast path for the commonest log target: an origin-form path under `--domain`, already canonical ASCII.
    ///
    /// Such a target (`/a/b.js?v=1`: nothing to encode or decode, no `%`, no segment starting with `.`, no fragment,
    /// no empty query) becomes the domain's `scheme://host` followed by the target's bytes, copied at once.
    ///
    /// - Returns: whether it applied; when it did not, `buffer` is untouched and the general path decides.
    @inline(__always)
    func appendCanonicalOriginForm(
        _ target: UnsafeBufferPointer<UInt8>, form: TargetForm, into buffer: inout URLBuffer
    ) -> Bool {
        guard let origin = defaultOrigin, let base = target.baseAddress, base[0] == 0x2F else { return false }
        let count = target.count
        // In a manifest, `//host/path` names a host.
        if form == .manifestEntry && count > 1 && base[1] == 0x2F { return false }
        let path = ByteMask.pathBytes
        var index = 1
        var previous: UInt8 = 0x2F
        while index < count {
            let byte = base[index]
            guard path.contains(byte) else { break }
            if byte == 0x2E && previous == 0x2F { return false }
            previous = byte
            index += 1
        }
        var end = count
        var query: Int?
        if index < count {
            guard base[index] == 0x3F else { return false }
            if options.query == .strip {
                end = index
            } else {
                guard index + 1 < count else { return false }
                let allowed = ByteMask.queryBytes
                for position in (index + 1)..<count where !allowed.contains(base[position]) { return false }
                query = index
            }
        }
        buffer.write(capacity: origin.count + end) { writer in
            origin.withUnsafeBufferPointer { writer.append($0.baseAddress!, count: $0.count) }
            writer.append(base, count: end)
            return (origin.count, query.map { origin.count + $0 })
        }
        return true
    }
}
