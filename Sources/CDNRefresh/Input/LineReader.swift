/// Reads a byte source line by line on the calling thread, with bounded memory (see ``LineSplitter``).
///
/// ``InputReader`` reads inputs in two stages on two threads; this one-thread reader serves sources that are
/// already in memory or cheap to read, and tests.
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
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        var damage: InputError?
        while true {
            let count: Int
            do {
                count = try source.read(into: buffer)
            } catch {
                damage = error
                break
            }
            if count == 0 { break }
            splitter.split(
                UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count), body)
        }
        splitter.finish(damage: damage, body)
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
