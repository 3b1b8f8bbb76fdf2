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
    private var lastRawHost: [UInt8] = []
    private var lastHost: Result<String, NormalizationError>?
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

        var scheme = options.defaultScheme
        var authority: Range<Int>?
        var restStart = 0
        var relativePath = false
        var schemeless = false

        if let (detected, afterScheme) = Self.scheme(in: target) {
            guard let known = URLScheme(rawValue: detected) else {
                return .unsupportedScheme(detected)
            }
            scheme = known
            let end = Self.authorityEnd(in: target, from: afterScheme)
            authority = afterScheme..<end
            restStart = end
        } else if target[0] == 0x2F {
            if form == .manifestEntry, target.count > 1, target[1] == 0x2F {
                let end = Self.authorityEnd(in: target, from: 2)
                authority = 2..<end
                restStart = end
            }
        } else if form == .logTarget {
            if target.count == 1 && target[0] == 0x2A {
                return .notAURL("*")
            }
            relativePath = true
        } else {
            let end = Self.authorityEnd(in: target, from: 0)
            authority = 0..<end
            restStart = end
            schemeless = true
        }

        let hostAndPort: String
        switch resolveHost(
            target: target, authority: authority, hostField: hostField, scheme: scheme, schemeless: schemeless)
        {
        case .success(let value): hostAndPort = value
        case .failure(let error): return error
        }

        let rest = UnsafeBufferPointer(rebasing: target[restStart...])
        Self.compose(
            scheme: scheme, host: hostAndPort, rest: rest, relativePath: relativePath, encoding: encoding, type: type,
            query: options.query, into: &buffer)
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

    // MARK: - Host

    private mutating func resolveHost(
        target: UnsafeBufferPointer<UInt8>,
        authority: Range<Int>?,
        hostField: UnsafeBufferPointer<UInt8>?,
        scheme: URLScheme,
        schemeless: Bool
    ) -> Result<String, NormalizationError> {
        let rawAuthority: UnsafeBufferPointer<UInt8>
        let fromHostField: Bool
        if let authority {
            rawAuthority = UnsafeBufferPointer(rebasing: target[authority])
            fromHostField = false
        } else if let hostField, !Self.trimmed(hostField).isEmpty, !Self.isDash(Self.trimmed(hostField)) {
            rawAuthority = Self.trimmed(hostField)
            fromHostField = true
        } else {
            guard let domain = options.defaultDomain else { return .failure(.missingDomain) }
            return .success(domain)
        }

        // Drop userinfo (everything up to the last "@").
        var hostStart = 0
        if let at = rawAuthority.lastIndex(of: 0x40) { hostStart = at + 1 }
        let hostPort = UnsafeBufferPointer(rebasing: rawAuthority[hostStart...])

        // Split host and port; an IPv6 literal keeps its colons.
        var hostEnd = hostPort.count
        var portText: UnsafeBufferPointer<UInt8>?
        if hostPort.first == 0x5B {
            if let close = hostPort.firstIndex(of: 0x5D) {
                hostEnd = close + 1
                if hostEnd < hostPort.count, hostPort[hostEnd] == 0x3A {
                    portText = UnsafeBufferPointer(rebasing: hostPort[(hostEnd + 1)...])
                }
            }
        } else if let colon = hostPort.lastIndex(of: 0x3A) {
            hostEnd = colon
            portText = UnsafeBufferPointer(rebasing: hostPort[(colon + 1)...])
        }
        let hostBytes = UnsafeBufferPointer(rebasing: hostPort[..<hostEnd])

        let host: String
        if hostBytes.elementsEqual(lastRawHost), let cached = lastHost {
            switch cached {
            case .success(let value): host = value
            case .failure(let error): return .failure(error)
            }
        } else {
            let result = HostCanonicalizer.canonicalize(hostBytes)
            lastRawHost = Array(hostBytes)
            lastHost = result
            switch result {
            case .success(let value): host = value
            case .failure(let error): return .failure(error)
            }
        }

        // "images/a.png" in a manifest is a relative path, not host "images": CDN domains have a dot.
        if schemeless, !host.contains("."), !host.hasPrefix("[") {
            return .failure(
                .invalidHost("'\(host)' is not a domain name; give a full URL, or a /path with --domain"))
        }

        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ (0x30...0x39).contains($0) }),
                let value = Int(String(decoding: portText, as: UTF8.self)), (1...65535).contains(value)
            else {
                return .failure(.invalidPort(String(decoding: portText, as: UTF8.self)))
            }
            port = value
        }

        let withPort = port.map { "\(host):\($0)" } ?? host
        if let mapped = options.domainMap[withPort] ?? options.domainMap[host] {
            return .success(mapped)
        }
        if fromHostField, host.hasSuffix(".aliyuncs.com") {
            guard let domain = options.defaultDomain else { return .failure(.unmappedOSSHost(host)) }
            return .success(domain)
        }
        if let port, port != scheme.defaultPort {
            return .success(withPort)
        }
        return .success(host)
    }

    // MARK: - Assembly

    private static func compose(
        scheme: URLScheme,
        host: String,
        rest: UnsafeBufferPointer<UInt8>,
        relativePath: Bool,
        encoding: PathEncoding,
        type: EntryType,
        query queryMode: QueryMode,
        into buffer: inout URLBuffer
    ) {
        // Split path, query and fragment (a raw OSS key is all path; a regex keeps everything).
        var pathEnd = rest.count
        var queryRange: Range<Int>?
        if encoding == .escaped && type != .regex {
            var i = 0
            while i < rest.count {
                let b = rest[i]
                if b == 0x3F || b == 0x23 { break }
                i += 1
            }
            pathEnd = i
            if i < rest.count, rest[i] == 0x3F {
                var j = i + 1
                while j < rest.count && rest[j] != 0x23 { j += 1 }
                queryRange = (i + 1)..<j
            }
        }
        let path = UnsafeBufferPointer(rebasing: rest[..<pathEnd])
        let keepQuery = queryMode == .keep && (type == .file) && !(queryRange?.isEmpty ?? true)
        let queryLength = keepQuery ? queryRange!.count : 0
        let capacity =
            scheme.rawValue.utf8.count + 3 + host.utf8.count + 2 + 3 * path.count + 1
            + 3 * queryLength + 2

        buffer.write(capacity: capacity) { writer in
            writer.append(scheme.rawValue)
            writer.append(0x3A)
            writer.append(0x2F)
            writer.append(0x2F)
            writer.append(host)
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
            var queryStart: Int?
            if keepQuery, let queryRange {
                queryStart = writer.count
                writer.append(0x3F)
                PercentEncoding.appendEscaped(
                    UnsafeBufferPointer(rebasing: rest[queryRange]), component: .query, to: &writer)
            }
            return (pathStart, queryStart)
        }
    }

    // MARK: - Scanning

    /// The lower-cased scheme and the index after `://`, if the target starts with `scheme://`.
    private static func scheme(in target: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        var i = 0
        while i < target.count {
            let b = target[i]
            let isSchemeByte =
                (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                || (i > 0 && ((0x30...0x39).contains(b) || b == 0x2B || b == 0x2D || b == 0x2E))
            if !isSchemeByte { break }
            i += 1
        }
        guard i > 0, i + 2 < target.count, target[i] == 0x3A, target[i + 1] == 0x2F, target[i + 2] == 0x2F
        else { return nil }
        let name = String(decoding: target[..<i].map(URLByte.lowercased), as: UTF8.self)
        return (name, i + 3)
    }

    private static func authorityEnd(in target: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < target.count {
            let b = target[i]
            if b == 0x2F || b == 0x3F || b == 0x23 { break }
            i += 1
        }
        return i
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end && URLByte.isSpace(bytes[start]) { start += 1 }
        while end > start && URLByte.isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func isDash(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 1 && bytes[0] == 0x2D
    }
}
