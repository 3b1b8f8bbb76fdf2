/// A set of ASCII bytes as two 64-bit words, for byte-class tests without a table in memory.
struct ByteMask: Sendable, Equatable {
    let low: UInt64
    let high: UInt64

    init(_ contains: (UInt8) -> Bool) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for b in UInt8(0)..<128 where contains(b) {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        self.low = low
        self.high = high
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        let word = b < 64 ? low : high
        return b < 128 && (word >> UInt64(b & 63)) & 1 != 0
    }

    /// Bytes a canonical path keeps as they are: `pchar` and `/`, without `%`.
    static let pathBytes = ByteMask(URLByte.isPathByte)
    /// Bytes a canonical query keeps as they are: path bytes and `?`, without `%`.
    static let queryBytes = ByteMask(URLByte.isQueryByte)
}
