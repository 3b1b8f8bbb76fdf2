/// Appends bytes to preallocated storage; the caller guarantees the capacity.
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendPercentEncoded(_ byte: UInt8) {
        append(0x25)
        append(URLByte.hexDigit(byte >> 4))
        append(URLByte.hexDigit(byte & 0x0F))
    }

    mutating func append(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    /// Moves the end back to `newCount` (used after in-place rewriting).
    mutating func truncate(to newCount: Int) {
        count = newCount
    }
}
