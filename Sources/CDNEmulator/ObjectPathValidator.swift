import AlibabaCDN

/// Checks one `ObjectPath` entry the way the API does: scheme, host, URL encoding, length, directory slash.
enum ObjectPathValidator {
    /// The longest entry accepted (Alibaba documents 1,024 characters for object paths).
    static let maxLength = 1024

    /// The entry's host, or the failure that rejects it.
    static func validate(_ entry: String, type: ObjectType) -> Result<String, EmulatorFailure> {
        let bytes = Array(entry.utf8)
        guard !bytes.isEmpty else { return .failure(.malformedPath("an entry is empty")) }
        guard bytes.count <= maxLength else {
            return .failure(.malformedPath("an entry is longer than \(maxLength) characters"))
        }
        let lower = entry.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("https://") {
            schemeLength = 8
        } else if lower.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return .failure(.malformedPath("'\(entry.prefix(80))' does not start with http:// or https://"))
        }
        var hostEnd = schemeLength
        while hostEnd < bytes.count && bytes[hostEnd] != 0x2F && bytes[hostEnd] != 0x3F { hostEnd += 1 }
        let host = String(decoding: bytes[schemeLength..<hostEnd], as: UTF8.self)
        guard !host.isEmpty else { return .failure(.malformedPath("'\(entry.prefix(80))' has no domain")) }
        if host.contains("*") { return .failure(.extensiveDomain) }
        guard host.utf8.allSatisfy(isHostByte) else {
            return .failure(.malformedPath("'\(host)' is not a domain name (use its punycode form)"))
        }
        let rest = bytes[hostEnd...]
        if type == .regex {
            guard rest.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                return .failure(.malformedPath("a regex entry holds spaces or non-ASCII characters"))
            }
        } else {
            var index = rest.startIndex
            while index < rest.endIndex {
                let byte = rest[index]
                if byte == 0x25 {
                    guard index + 2 < rest.endIndex, isHex(rest[index + 1]), isHex(rest[index + 2]) else {
                        return .failure(.malformedPath("'\(entry.prefix(80))' has a '%' that is not an escape"))
                    }
                    index += 3
                    continue
                }
                guard isURLByte(byte) else {
                    return .failure(
                        .malformedPath("'\(entry.prefix(80))' holds characters that must be percent-encoded"))
                }
                index += 1
            }
        }
        if type == .ignoreParams && rest.contains(0x3F) {
            return .failure(.malformedPath("IgnoreParams entry '\(entry.prefix(80))' holds a query ('?')"))
        }
        if type == .directory && bytes.last != 0x2F {
            return .failure(.malformedPath("directory '\(entry.prefix(80))' does not end with /"))
        }
        return .success(host.lowercased())
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x3A, 0x5B, 0x5D: true
        default: false
        }
    }

    private static func isURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case 0x2D, 0x2E, 0x5F, 0x7E: true  // unreserved
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true  // sub-delims
        case 0x3A, 0x40, 0x2F, 0x3F: true  // : @ / ?
        default: false
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
