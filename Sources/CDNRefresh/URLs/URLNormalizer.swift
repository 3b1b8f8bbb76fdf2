/// Turns an entry (absolute URL, scheme-less `host/path`, or path) into its one canonical refresh URL.
///
/// The canonical form (DESIGN §4): scheme and host lower-cased, IDNA hosts in punycode, no trailing dot,
/// userinfo, fragment or default port; the path percent-encoded to RFC 3986 with upper-case hex, escapes of
/// unreserved characters decoded, other escapes kept, unsafe and non-ASCII bytes encoded, dot segments removed;
/// the query kept (or stripped) with the same rules; a directory ends with `/`. Normalizing a canonical URL
/// returns it unchanged.
///
/// A value is cheap to copy; it remembers the last host it canonicalized, so log lines for the same host do
/// not repeat the work. Use one per thread.
package struct URLNormalizer: Sendable {
    package let options: NormalizationOptions
    var lastRawHost: [UInt8] = []
    var lastHost: Result<String, NormalizationError>?
    /// `scheme://domain` of `--domain`, for ``appendCanonicalOriginForm(_:form:into:)``; `nil` turns that path off.
    private let defaultOrigin: [UInt8]?

    package init(options: NormalizationOptions) {
        self.init(options: options, fastPath: true)
    }

    /// A normalizer; without `fastPath` every target takes the general path (for tests that compare the two).
    init(options: NormalizationOptions, fastPath: Bool) {
        self.options = options
        self.defaultOrigin =
            fastPath ? options.defaultDomain.map { Array((options.defaultScheme.rawValue + "://" + $0).utf8) } : nil
    }

    /// Normalizes a textual entry.
    package mutating func normalize(
        _ text: String,
        form: TargetForm = .manifestEntry,
        encoding: PathEncoding = .escaped,
        type: EntryType = .file,
        hostField: String? = nil
    ) -> Result<String, NormalizationError> {
        var text = text
        var hostField = hostField
        var buffer = URLBuffer(capacity: 256)
        let error = text.withUTF8 { target in
            if hostField != nil {
                return hostField!.withUTF8 { host in
                    normalize(
                        target: target, hostField: host, form: form, encoding: encoding, type: type, into: &buffer)
                }
            }
            return normalize(target: target, hostField: nil, form: form, encoding: encoding, type: type, into: &buffer)
        }
        if let error { return .failure(error) }
        return .success(buffer.string)
    }

    /// Normalizes an entry given as bytes.
    ///
    /// - Parameters:
    ///   - target: the URL, `host/path`, or path.
    ///   - hostField: a host that the record names separately (an OSS `HostName`); it is used for a target
    ///     without a host, mapped by `--domain-map`, and a raw OSS endpoint must be mapped.
    ///   - form: how to read a target without a scheme or leading `/`.
    ///   - encoding: whether `%` in the path is an escape or data.
    ///   - type: the entry type (a directory gains a trailing `/`, a regex keeps its pattern characters).
    ///   - buffer: receives the canonical URL; it is left unchanged when the entry cannot be normalized.
    /// - Returns: why the entry cannot be normalized, or `nil` when `buffer` holds its canonical URL.
    mutating func normalize(
        target rawTarget: UnsafeBufferPointer<UInt8>,
        hostField: UnsafeBufferPointer<UInt8>?,
        form: TargetForm,
        encoding: PathEncoding,
        type: EntryType,
        into buffer: inout URLBuffer
    ) -> NormalizationError? {
        let target = Self.trimmed(rawTarget)
        guard !target.isEmpty else { return .empty }
        if hostField == nil, type == .file, encoding == .escaped,
            appendCanonicalOriginForm(target, form: form, into: &buffer)
        {
            return nil
        }
        let layout: TargetLayout
        switch Self.layout(of: target, form: form, defaultScheme: options.defaultScheme) {
        case .success(let value): layout = value
        case .failure(let error): return error
        }
        let hostAndPort: String
        switch resolveHost(
            target: target, authority: layout.authority, hostField: hostField, scheme: layout.scheme,
            schemeless: layout.schemeless)
        {
        case .success(let value): hostAndPort = value
        case .failure(let error): return error
        }
        let rest = UnsafeBufferPointer(rebasing: target[layout.restStart...])
        Self.compose(
            scheme: layout.scheme, host: hostAndPort, rest: rest, relativePath: layout.relativePath,
            encoding: encoding, type: type, query: options.query, into: &buffer)
        return nil
    }

    /// The fast path for the commonest log target: an origin-form path under `--domain`, already canonical ASCII.
    ///
    /// Such a target (`/a/b.js?v=1`: nothing to encode or decode, no `%`, no segment starting with `.`, no fragment,
    /// no empty query) becomes the domain's `scheme://host` followed by the target's bytes, copied at once.
    ///
    /// - Returns: whether it applied; when it did not, `buffer` is untouched and the general path decides.
    @inline(__always)
    private func appendCanonicalOriginForm(
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

    /// Where a target's parts are: its scheme, its authority (if it names one) and where the path starts.
    struct TargetLayout {
        var scheme: URLScheme
        var authority: Range<Int>?
        var restStart = 0
        /// A log target without its leading `/`.
        var relativePath = false
        /// A manifest's `host/path`: its first segment must be a domain name.
        var schemeless = false
    }

    /// Finds the parts of a trimmed, non-empty target.
    @inline(__always)
    static func layout(
        of target: UnsafeBufferPointer<UInt8>, form: TargetForm, defaultScheme: URLScheme
    ) -> Result<TargetLayout, NormalizationError> {
        var layout = TargetLayout(scheme: defaultScheme)
        if let (detected, afterScheme) = scheme(in: target) {
            guard let known = URLScheme(rawValue: detected) else { return .failure(.unsupportedScheme(detected)) }
            layout.scheme = known
            let end = authorityEnd(in: target, from: afterScheme)
            layout.authority = afterScheme..<end
            layout.restStart = end
        } else if target[0] == 0x2F {
            if form == .manifestEntry, target.count > 1, target[1] == 0x2F {
                let end = authorityEnd(in: target, from: 2)
                layout.authority = 2..<end
                layout.restStart = end
            }
        } else if form == .logTarget {
            if target.count == 1 && target[0] == 0x2A { return .failure(.notAURL("*")) }
            layout.relativePath = true
        } else {
            let end = authorityEnd(in: target, from: 0)
            layout.authority = 0..<end
            layout.restStart = end
            layout.schemeless = true
        }
        return .success(layout)
    }
}
