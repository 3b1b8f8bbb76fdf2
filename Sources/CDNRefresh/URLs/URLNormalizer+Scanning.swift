extension URLNormalizer {
    /// The lower-cased scheme and the index after `://`, if the target starts with `scheme://`.
    @inline(__always)
    static func scheme(in target: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
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

    @inline(__always)
    static func authorityEnd(in target: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < target.count {
            let b = target[i]
            if b == 0x2F || b == 0x3F || b == 0x23 { break }
            i += 1
        }
        return i
    }

    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end && URLByte.isSpace(bytes[start]) { start += 1 }
        while end > start && URLByte.isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isDash(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 1 && bytes[0] == 0x2D
    }
}
