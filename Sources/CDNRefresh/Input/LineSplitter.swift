#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a stream of byte chunks into lines with bounded memory.
///
/// Lines end with `\n` or `\r\n`; the last line may lack its newline. A line inside one chunk is handed out where
/// it lies, without copying; only a line that spans chunks is gathered, and a line longer than `maxLineLength`
/// bytes is reported as ``LineEvent/tooLong(number:)`` and skipped without being buffered. So whatever the input,
/// the splitter holds at most `maxLineLength + 1` bytes of its own.
struct LineSplitter {
    /// The longest line accepted, in bytes (64 KiB, per the design).
    static let defaultMaxLineLength = 64 * 1024

    let maxLineLength: Int
    private var carry: [UInt8] = []
    private var discarding = false
    /// The number of the last line handed out.
    private(set) var lineNumber = 0
    /// The most bytes held at once for a line that spanned chunks.
    private(set) var peakCarry = 0

    init(maxLineLength: Int = Self.defaultMaxLineLength) {
        self.maxLineLength = maxLineLength
        carry.reserveCapacity(min(maxLineLength + 1, 16 * 1024))
    }

    /// Hands out every line that ends in `chunk`, keeping an unfinished last line for the next chunk.
    mutating func split(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (LineEvent) -> Void) {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        var start = 0
        while start < count {
            guard let hit = memchr(base + start, 0x0A, count - start) else {
                let segment = UnsafeBufferPointer(start: base + start, count: count - start)
                if !discarding {
                    if carry.count + segment.count > maxLineLength + 1 {
                        discarding = true
                        carry.removeAll(keepingCapacity: true)
                    } else {
                        carry.append(contentsOf: segment)
                        peakCarry = max(peakCarry, carry.count)
                    }
                }
                return
            }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let segment = UnsafeBufferPointer(start: base + start, count: end - start)
            if discarding {
                lineNumber += 1
                body(.tooLong(number: lineNumber))
                discarding = false
            } else if carry.isEmpty {
                emit(segment, body)
            } else if carry.count + segment.count > maxLineLength + 1 {
                lineNumber += 1
                body(.tooLong(number: lineNumber))
                carry.removeAll(keepingCapacity: true)
            } else {
                carry.append(contentsOf: segment)
                peakCarry = max(peakCarry, carry.count)
                let gathered = carry
                gathered.withUnsafeBufferPointer { emit($0, body) }
                carry.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
    }

    /// Hands out the unfinished last line, if any: as a line, or as ``LineEvent/cutOff(_:number:)`` when the
    /// input ended in damage that probably cut it.
    mutating func finish(damage: InputError?, _ body: (LineEvent) -> Void) {
        if discarding {
            lineNumber += 1
            body(.tooLong(number: lineNumber))
            discarding = false
        } else if !carry.isEmpty {
            let gathered = carry
            carry.removeAll()
            if let damage, damage.cutsLastLine {
                lineNumber += 1
                gathered.withUnsafeBufferPointer { body(.cutOff($0, number: lineNumber)) }
            } else {
                gathered.withUnsafeBufferPointer { emit($0, body) }
            }
        }
    }

    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (LineEvent) -> Void) {
        lineNumber += 1
        var line = bytes
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line.dropFirst(3))
        }
        if line.count > maxLineLength {
            body(.tooLong(number: lineNumber))
        } else {
            body(.line(line, number: lineNumber))
        }
    }
}
