#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Helpers that read parts of a canonical URL (`scheme://host[:port]/path[?query]`).
///
/// Canonical URLs are ASCII, so every helper scans UTF-8 bytes; the planner calls them once per candidate and
/// directory, and `Character`-based indexing would cost more than reading the log did.
enum CanonicalURL {
    /// The `host[:port]` part.
    static func domain(of url: String) -> Substring {
        let bytes = url.utf8
        guard let hostStart = hostStart(in: bytes) else { return url[...] }
        return url[hostStart..<(bytes[hostStart...].firstIndex(of: slash) ?? bytes.endIndex)]
    }

    /// The path, from its leading `/` up to the query.
    static func path(of url: String) -> Substring? {
        let bytes = url.utf8
        guard let hostStart = hostStart(in: bytes), let start = bytes[hostStart...].firstIndex(of: slash) else {
            return nil
        }
        return url[start..<(bytes[start...].firstIndex(of: question) ?? bytes.endIndex)]
    }

    /// Every proper ancestor directory of `url`, shortest first (`https://h/`, `https://h/a/`, …).
    ///
    /// A directory URL (ending in `/`) is not its own ancestor.
    static func ancestorDirectories(of url: String) -> [Substring] {
        var lengths: [Int] = []
        var copy = url
        copy.withUTF8 { bytes in forEachAncestorDirectory(in: bytes) { lengths.append($0) } }
        let utf8 = url.utf8
        return lengths.map { url[utf8.startIndex..<utf8.index(utf8.startIndex, offsetBy: $0)] }
    }

    /// Calls `body` with the length of every proper ancestor directory of the URL in `bytes`, shortest first:
    /// ``ancestorDirectories(of:)`` without a `String` or an array per URL.
    static func forEachAncestorDirectory(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let hostStart = hostStart(in: bytes), let start = bytes[hostStart...].firstIndex(of: slash) else {
            return
        }
        let end = bytes[start...].firstIndex(of: question) ?? bytes.endIndex
        var index = start
        while index < end {
            if bytes[index] == slash && index + 1 < end { body(index + 1) }
            index += 1
        }
    }

    /// The offset of the first `?` in `url`, if any.
    static func queryStart(of url: String) -> Int? {
        var url = url
        return url.withUTF8 { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base, Int32(question), bytes.count) else {
                return nil
            }
            return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        }
    }

    /// Whether `a` and `b` hold the same bytes.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        return memcmp(left, right, a.count) == 0
    }

    /// Where the host begins: just after the first `://`.
    private static func hostStart<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Bytes.Index? {
        var index = bytes.startIndex
        while let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) {
            let first = bytes.index(after: colon)
            guard first < bytes.endIndex, bytes[first] == slash else {
                index = first
                continue
            }
            let second = bytes.index(after: first)
            guard second < bytes.endIndex, bytes[second] == slash else {
                index = second
                continue
            }
            return bytes.index(after: second)
        }
        return nil
    }

    private static let slash = UInt8(ascii: "/")
    private static let question = UInt8(ascii: "?")
}
