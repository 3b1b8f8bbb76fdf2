import Foundation

/// Canonical form of a host: lower case, IDNA (punycode) for non-ASCII labels, no trailing dot.
///
/// Non-ASCII hosts get the practical core of UTS #46: NFC, lower-casing, the ideographic full stops
/// (`。` `．` `｡`) as label separators, then Punycode per label. Percent-encoded hosts are decoded first.
enum HostCanonicalizer {
    static let maxLabelLength = 63
    static let maxHostLength = 253

    /// Returns the canonical host for `raw` (no port), or why it is not a host.
    static func canonicalize(_ raw: some Collection<UInt8>) -> Result<String, NormalizationError> {
        var bytes = Array(raw)
        if bytes.contains(0x25) { bytes = PercentEncoding.decode(bytes) }
        guard !bytes.isEmpty else { return .failure(.invalidHost("the host is empty")) }
        if bytes.first == 0x5B {
            return canonicalizeIPLiteral(bytes)
        }
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return canonicalizeASCII(bytes.map(URLByte.lowercased))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.invalidHost("the host is not valid UTF-8"))
        }
        return canonicalizeUnicode(text)
    }

    private static func canonicalizeIPLiteral(_ bytes: [UInt8]) -> Result<String, NormalizationError> {
        guard bytes.count > 2, bytes.last == 0x5D else {
            return .failure(.invalidHost("unterminated IPv6 literal"))
        }
        let inner = bytes[1..<(bytes.count - 1)]
        let valid = inner.allSatisfy { URLByte.hexValue($0) != nil || $0 == 0x3A || $0 == 0x2E }
        guard valid else { return .failure(.invalidHost("malformed IPv6 literal")) }
        return .success(String(decoding: bytes.map(URLByte.lowercased), as: UTF8.self))
    }

    private static func canonicalizeASCII(_ lowered: [UInt8]) -> Result<String, NormalizationError> {
        var bytes = lowered
        if bytes.last == 0x2E { bytes.removeLast() }
        if bytes.contains(0x2A) { return .failure(.wildcardHost) }
        guard !bytes.isEmpty else { return .failure(.invalidHost("the host is empty")) }
        for label in bytes.split(separator: 0x2E, omittingEmptySubsequences: false) {
            if let problem = problem(inASCIILabel: label) { return .failure(.invalidHost(problem)) }
        }
        guard bytes.count <= maxHostLength else {
            return .failure(.invalidHost("the host is longer than \(maxHostLength) characters"))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    private static func problem(inASCIILabel label: ArraySlice<UInt8>) -> String? {
        if label.isEmpty { return "empty label (two dots in a row)" }
        if label.count > maxLabelLength { return "a label is longer than \(maxLabelLength) characters" }
        for b in label {
            switch b {
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: continue
            default:
                let shown = b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte \(b)"
                return "\(shown) is not allowed in a host name"
            }
        }
        return nil
    }

    private static func canonicalizeUnicode(_ text: String) -> Result<String, NormalizationError> {
        let mapped = text.precomposedStringWithCanonicalMapping.lowercased()
        let separators: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var labels: [[Unicode.Scalar]] = [[]]
        for scalar in mapped.unicodeScalars {
            if separators.contains(scalar) {
                labels.append([])
            } else {
                labels[labels.count - 1].append(scalar)
            }
        }
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        var encoded: [String] = []
        for label in labels {
            if label.allSatisfy({ $0.isASCII }) {
                encoded.append(String(String.UnicodeScalarView(label)))
                continue
            }
            if label.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
                return .failure(.invalidHost("white space in a host name"))
            }
            if label.contains(where: { $0.isASCII && !isASCIILabelScalar($0) }) {
                return .failure(.invalidHost("'\(String(String.UnicodeScalarView(label)))' is not a host label"))
            }
            guard let puny = Punycode.encode(label) else {
                return .failure(.invalidHost("the label cannot be encoded as punycode"))
            }
            encoded.append("xn--" + puny)
        }
        return canonicalizeASCII(Array(encoded.joined(separator: ".").utf8))
    }

    private static func isASCIILabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", "-", "_": true
        default: false
        }
    }
}
