#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte source into lines with bounded memory.
///
/// Lines end with `\n` or `\r\n`; the last line may lack its newline. A line longer than `maxLineLength` bytes
/// is reported as ``LineEvent/tooLong(number:)`` and skipped without buffering it. Lines are handed out as
/// buffers into the reader's own storage, so reading allocates nothing per line.
struct LineReader {
    /// The longest line accepted, in bytes (64 KiB, per the design).
    static let defaultMaxLineLength = 64 * 1024

    var maxLineLength = Self.defaultMaxLineLength
    var chunkSize = 256 * 1024

    /// Reads `source` to its end, calling `body` for every line.
    ///
    /// - Returns: the error that stopped the source early, or `nil` when it was read to its end. Lines read
    ///   before the error have been delivered; an unterminated last line of a damaged source is delivered as
    ///   ``LineEvent/cutOff(_:number:)``.
    func read<Source: ByteSource & ~Copyable>(
        _ source: inout Source,
        _ body: (LineEvent) -> Void
    ) -> InputError? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var carry: [UInt8] = []
        carry.reserveCapacity(min(maxLineLength + 1, 16 * 1024))
        var discarding = false
        var lineNumber = 0
        var damage: InputError?

        func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
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

        while true {
            let count: Int
            do {
                count = try source.read(into: buffer)
            } catch {
                damage = error
                break
            }
            if count == 0 { break }
            let bytes = UnsafeBufferPointer(
                start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            var start = 0
            while start < count {
                let remaining = count - start
                if let hit = memchr(bytes.baseAddress! + start, 0x0A, remaining) {
                    let end = bytes.baseAddress!.distance(
                        to: hit.assumingMemoryBound(to: UInt8.self))
                    let segment = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if discarding {
                        lineNumber += 1
                        body(.tooLong(number: lineNumber))
                        discarding = false
                    } else if carry.isEmpty {
                        emit(segment)
                    } else if carry.count + segment.count > maxLineLength + 1 {
                        lineNumber += 1
                        body(.tooLong(number: lineNumber))
                        carry.removeAll(keepingCapacity: true)
                    } else {
                        carry.append(contentsOf: segment)
                        carry.withUnsafeBufferPointer { emit($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    start = end + 1
                } else {
                    let segment = bytes[start..<count]
                    if !discarding {
                        if carry.count + segment.count > maxLineLength + 1 {
                            discarding = true
                            carry.removeAll(keepingCapacity: true)
                        } else {
                            carry.append(contentsOf: segment)
                        }
                    }
                    start = count
                }
            }
        }
        if discarding {
            lineNumber += 1
            body(.tooLong(number: lineNumber))
        } else if !carry.isEmpty {
            if let damage, damage.cutsLastLine {
                lineNumber += 1
                carry.withUnsafeBufferPointer { body(.cutOff($0, number: lineNumber)) }
            } else {
                carry.withUnsafeBufferPointer { emit($0) }
            }
        }
        return damage
    }
}

extension InputError {
    /// Whether the data ended abruptly, so an unterminated last line is probably incomplete.
    var cutsLastLine: Bool {
        switch self {
        case .trailingGarbage, .cannotOpen: false
        case .readFailed, .truncatedGzip, .corruptGzip: true
        }
    }
}
