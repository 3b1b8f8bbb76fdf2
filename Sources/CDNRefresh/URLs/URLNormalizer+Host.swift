extension URLNormalizer {
    /// The canonical `host[:port]` of an entry: from its authority, else the record's host field, else `--domain`;
    /// userinfo dropped, the host canonicalized (cached for the next line of the same host), a default port dropped,
    /// `--domain-map` applied, and a raw OSS endpoint refused unless mapped or `--domain` stands in.
    mutating func resolveHost(
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
        let (hostBytes, portText) = Self.hostAndPort(of: rawAuthority)
        let host: String
        switch canonicalHost(hostBytes) {
        case .success(let value): host = value
        case .failure(let error): return .failure(error)
        }
        // "images/a.png" in a manifest is a relative path, not host "images": CDN domains have a dot.
        if schemeless, !host.contains("."), !host.hasPrefix("[") {
            return .failure(
                .invalidHost("'\(host)' is not a domain name; give a full URL, or a /path with --domain"))
        }
        let port: Int?
        switch Self.port(portText) {
        case .success(let value): port = value
        case .failure(let error): return .failure(error)
        }
        return mapped(host: host, port: port, scheme: scheme, fromHostField: fromHostField)
    }

    /// The host and the port text of an authority, userinfo (up to the last `@`) dropped; an IPv6 literal keeps
    /// its colons.
    @inline(__always)
    static func hostAndPort(
        of authority: UnsafeBufferPointer<UInt8>
    ) -> (host: UnsafeBufferPointer<UInt8>, port: UnsafeBufferPointer<UInt8>?) {
        var hostStart = 0
        if let at = authority.lastIndex(of: 0x40) { hostStart = at + 1 }
        let hostPort = UnsafeBufferPointer(rebasing: authority[hostStart...])
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
        return (UnsafeBufferPointer(rebasing: hostPort[..<hostEnd]), portText)
    }

    /// The canonical form of a host, remembered for the next call with the same bytes.
    @inline(__always)
    mutating func canonicalHost(_ hostBytes: UnsafeBufferPointer<UInt8>) -> Result<String, NormalizationError> {
        if hostBytes.elementsEqual(lastRawHost), let cached = lastHost { return cached }
        let result = HostCanonicalizer.canonicalize(hostBytes)
        lastRawHost = Array(hostBytes)
        lastHost = result
        return result
    }

    /// The port a port text names (`nil` for none or an empty one), or why it is not a port.
    @inline(__always)
    static func port(_ text: UnsafeBufferPointer<UInt8>?) -> Result<Int?, NormalizationError> {
        guard let text, !text.isEmpty else { return .success(nil) }
        guard text.count <= 5, text.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int(String(decoding: text, as: UTF8.self)), (1...65535).contains(value)
        else {
            return .failure(.invalidPort(String(decoding: text, as: UTF8.self)))
        }
        return .success(value)
    }

    /// The accelerated domain a canonical host (and port) stands for: `--domain-map`'s, `--domain` for a raw OSS
    /// endpoint named by a host field, else the host with a port that is not the scheme's default.
    @inline(__always)
    func mapped(host: String, port: Int?, scheme: URLScheme, fromHostField: Bool) -> Result<
        String, NormalizationError
    > {
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
}
