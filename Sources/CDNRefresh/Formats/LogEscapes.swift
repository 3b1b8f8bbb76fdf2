/// Decodes the escaping that nginx and Apache apply to logged request lines.
enum LogEscapes {
    /// Decodes `bytes` into `output`, replacing what was there.
    ///
    /// `\xHH` becomes the byte, `\"` and `\\` the character, and `\n`, `\r`, `\t` control bytes (which URL
    /// encoding then escapes). Other backslashes stay.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x5C, i + 1 < bytes.count else {
                output.append(b)
                i += 1
                continue
            }
            let next = bytes[i + 1]
            switch next {
            case 0x78 where i + 3 < bytes.count:
                if let high = URLByte.hexValue(bytes[i + 2]), let low = URLByte.hexValue(bytes[i + 3]) {
                    output.append(high << 4 | low)
                    i += 4
                } else {
                    output.append(b)
                    i += 1
                }
            case 0x22, 0x5C:
                output.append(next)
                i += 2
            case 0x6E:
                output.append(0x0A)
                i += 2
            case 0x72:
                output.append(0x0D)
                i += 2
            case 0x74:
                output.append(0x09)
                i += 2
            default:
                output.append(b)
                i += 1
            }
        }
    }
}
