/// The RFC 3986 percent-encoding Alibaba's signatures are computed over.
///
/// UTF-8 bytes; `A–Z a–z 0–9 - _ . ~` stay; every other byte becomes `%XY` with upper-case hex (so a space is
/// `%20`, `*` is `%2A`, `/` is `%2F`).
package enum AlibabaPercentEncoding {
    /// Encodes `text` for a signature, a query string or a form body.
    package static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(0x25)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `application/x-www-form-urlencoded` text: `+` is a space, `%XY` a byte; a malformed escape is
    /// kept as it is.
    package static func formDecode(_ text: Substring) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x2B {
                output.append(0x20)
                index += 1
            } else if byte == 0x25, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Parses `name=value&…` form or query text into decoded pairs, in order.
    package static func parseForm(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (formDecode(pair[..<equals]), formDecode(pair[pair.index(after: equals)...]))
            }
            return (formDecode(pair), "")
        }
    }

    /// Encodes pairs as `name=value&…` with this encoding.
    package static func formEncode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x37 + value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }
}

extension [UInt8] {
    /// Lower-case hexadecimal digits of the bytes.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(count * 2)
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
