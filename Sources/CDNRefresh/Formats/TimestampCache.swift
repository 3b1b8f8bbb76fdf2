#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers the last timestamp parsed: consecutive log lines mostly share their second, and comparing the bytes
/// costs less than parsing them again.
struct TimestampCache {
    private var bytes: [UInt8] = []
    private var value: Int64?

    init() {
        bytes.reserveCapacity(32)
    }

    /// The same as ``LogTimestamp/parse(_:)``.
    mutating func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let same = bytes.withUnsafeBufferPointer { cached in
            cached.count == text.count
                && (text.isEmpty || memcmp(cached.baseAddress!, text.baseAddress!, text.count) == 0)
        }
        if same, !bytes.isEmpty { return value }
        value = LogTimestamp.parse(text)
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: text)
        return value
    }
}
