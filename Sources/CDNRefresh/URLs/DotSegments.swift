#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// RFC 3986 §5.2.4 `remove_dot_segments`, in place.
enum DotSegments {
    /// Removes `.` and `..` segments from the path in `base[start..<end]`, which begins with `/`.
    ///
    /// Only literal dots count (after canonical encoding `%2E` has already become `.`); empty segments are kept,
    /// as RFC 3986 says. A path that loses every segment becomes `/`.
    /// - Returns: the new end of the path.
    static func remove(in base: UnsafeMutablePointer<UInt8>, start: Int, end: Int) -> Int {
        if end > start && !containsDotSegmentCandidate(base, start: start, end: end) {
            return end
        }
        var write = start
        var read = start
        var segmentStarts: [Int] = []
        while read < end {
            // base[read] is a "/"
            var next = read + 1
            while next < end && base[next] != 0x2F { next += 1 }
            let length = next - read - 1
            let isLast = next == end
            let isDot = length == 1 && base[read + 1] == 0x2E
            let isDotDot = length == 2 && base[read + 1] == 0x2E && base[read + 2] == 0x2E
            if isDot || isDotDot {
                if isDotDot, let previous = segmentStarts.popLast() {
                    write = previous
                }
                if isLast {
                    base[write] = 0x2F
                    write += 1
                }
            } else {
                segmentStarts.append(write)
                if write != read {
                    (base + write).update(from: base + read, count: next - read)
                }
                write += next - read
            }
            read = next
        }
        if write == start {
            base[write] = 0x2F
            write += 1
        }
        return write
    }

    /// Whether any segment starts with a dot; most paths have none, and skip the work.
    private static func containsDotSegmentCandidate(
        _ base: UnsafeMutablePointer<UInt8>, start: Int, end: Int
    ) -> Bool {
        var i = start + 1
        while i < end, let hit = memchr(base + i, 0x2E, end - i) {
            let dot = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if base[dot - 1] == 0x2F { return true }
            i = dot + 1
        }
        return false
    }
}
