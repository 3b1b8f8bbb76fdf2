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

    /// Appends `length` bytes from `source` in one copy.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        (base + count).update(from: source, count: length)
        count += length
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0.baseAddress!, count: $0.count) }
    }

    /// Moves the end back to `newCount` (used after in-place rewriting).
    mutating func truncate(to newCount: Int) {
        count = newCount
    }
}
