/// Byte classes of RFC 3986, used by URL normalization and glob matching.
enum URLByte {
    /// `ALPHA / DIGIT / "-" / "." / "_" / "~"`: never percent-encoded in canonical form.
    @inline(__always)
    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    /// `! $ & ' ( ) * + , ; =`: reserved, kept as they are and never decoded from `%XX`.
    @inline(__always)
    static func isSubDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true
        default: false
        }
    }

    /// Bytes allowed raw in a canonical path: `pchar` plus `/`.
    @inline(__always)
    static func isPathByte(_ b: UInt8) -> Bool {
        isUnreserved(b) || isSubDelimiter(b) || b == 0x3A || b == 0x40 || b == 0x2F
    }

    /// Bytes allowed raw in a canonical query: path bytes plus `?`.
    @inline(__always)
    static func isQueryByte(_ b: UInt8) -> Bool {
        isPathByte(b) || b == 0x3F
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b &- 0x30
        case 0x41...0x46: b &- 0x37
        case 0x61...0x66: b &- 0x57
        default: nil
        }
    }

    @inline(__always)
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 &+ value : 0x37 &+ value
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09
    }

    @inline(__always)
    static func lowercased(_ b: UInt8) -> UInt8 {
        (0x41...0x5A).contains(b) ? b | 0x20 : b
    }
}
