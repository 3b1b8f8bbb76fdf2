import Dispatch

/// Opens an input, detects gzip by its magic bytes (never by its name) and reads it line by line in two stages:
/// a Dispatch thread reads and inflates into a ``ChunkRing`` while the calling thread splits and handles lines, so
/// the wall time is the slower of the two stages, not their sum.
///
/// Memory is fixed by the ring (`chunkCount × chunkSize`) and the splitter (at most one line of `maxLineLength`),
/// whatever the size of the input.
struct InputReader {
    /// Bytes per ring buffer.
    var chunkSize = 1 << 20
    /// Buffers in the ring.
    var chunkCount = 4
    var maxLineLength = LineSplitter.defaultMaxLineLength
    /// Asked before each buffer (and while a pipe is silent): once it says so, the input ends as
    /// ``InputError/stopped(path:)``.
    var shouldStop: @Sendable () -> Bool = { false }

    /// The outcome of reading one input.
    struct Outcome {
        /// Why the input could not be read to its end, if it could not.
        var damage: InputError?
        /// Whether the input was gzip-compressed.
        var wasGzip: Bool
        var statistics: ReaderStatistics
    }

    /// Reads every line of `input`, calling `body` for each on the calling thread.
    ///
    /// An input that cannot be opened yields an outcome with ``InputError/cannotOpen(path:reason:)`` and no
    /// lines. A gzip file is recognised by `1f 8b`; anything else, including a one-byte file, is plain text.
    func read(_ input: InputSource, standardInput: Int32 = 0, _ body: (LineEvent) -> Void) -> Outcome {
        let ring = ChunkRing(count: chunkCount, size: chunkSize)
        let shouldStop = self.shouldStop
        DispatchQueue(label: "cdn-refresh.inflate").async {
            var slot = 0
            let (damage, wasGzip) = Self.pump(
                input, standardInput: standardInput, shouldStop: shouldStop,
                next: {
                    let acquired = ring.acquireEmpty()
                    slot = acquired.slot
                    return acquired.buffer
                },
                deliver: { count, end in ring.publish(slot, count: count, end: end) })
            ring.setOutcome(damage: damage, wasGzip: wasGzip)
        }
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        var chunks = 0
        while true {
            let filled = ring.acquireFilled()
            splitter.split(filled.bytes, body)
            ring.release(filled.slot)
            chunks += 1
            if filled.end { break }
        }
        let (damage, wasGzip) = ring.outcome
        splitter.finish(damage: damage, body)
        return Outcome(
            damage: damage, wasGzip: wasGzip,
            statistics: ReaderStatistics(bufferBytes: ring.footprint, peakLineBytes: splitter.peakCarry, chunks: chunks)
        )
    }

    // MARK: - Decompressing

    /// Opens the input and passes its (decompressed) bytes on, one buffer at a time, until the end or the damage.
    ///
    /// `next` gives the buffer to fill; `deliver` receives how much of it was filled and whether it is the last
    /// one (a last buffer may be empty). Returns why the input ended early, if it did, and whether it was gzip.
    private static func pump(
        _ input: InputSource, standardInput: Int32, shouldStop: @escaping @Sendable () -> Bool,
        next: () -> UnsafeMutableRawBufferPointer, deliver: (_ count: Int, _ end: Bool) -> Void
    ) -> (damage: InputError?, wasGzip: Bool) {
        if shouldStop() {
            _ = next()
            deliver(0, true)
            return (.stopped(path: input.displayName), false)
        }
        var raw: RawSource
        switch input {
        case .file(let path):
            do {
                raw = try RawSource(path: path, shouldStop: shouldStop)
            } catch {
                _ = next()
                deliver(0, true)
                return (error, false)
            }
        case .standardInput:
            raw = RawSource(borrowing: standardInput, name: input.displayName, shouldStop: shouldStop)
        case .remote(let remote):
            raw = RawSource(stream: remote.open(), name: remote.name)
        case .cdnLogs, .slsLogs:
            _ = next()
            deliver(0, true)
            return (.cannotOpen(path: input.displayName, reason: "it is read through the API, not listed yet"), false)
        case .unavailable(let name, let reason):
            _ = next()
            deliver(0, true)
            return (.cannotOpen(path: name, reason: reason), false)
        }
        let magic: [UInt8]
        do {
            magic = try raw.peek(2)
        } catch {
            _ = next()
            deliver(0, true)
            return (error, false)
        }
        guard magic == [0x1f, 0x8b] else {
            return (
                fill(from: &raw, name: input.displayName, shouldStop: shouldStop, next: next, deliver: deliver), false
            )
        }
        var gzip: GzipSource
        do {
            gzip = try GzipSource(upstream: raw)
        } catch {
            _ = next()
            deliver(0, true)
            return (error, true)
        }
        return (fill(from: &gzip, name: input.displayName, shouldStop: shouldStop, next: next, deliver: deliver), true)
    }

    /// Fills one buffer after another, each to the brim unless the source ends; returns the damage, if any.
    private static func fill<Source: ByteSource & ~Copyable>(
        from source: inout Source, name: String, shouldStop: () -> Bool, next: () -> UnsafeMutableRawBufferPointer,
        deliver: (_ count: Int, _ end: Bool) -> Void
    ) -> InputError? {
        while true {
            let buffer = next()
            var count = 0
            var damage: InputError?
            var ended = false
            if shouldStop() {
                deliver(0, true)
                return .stopped(path: name)
            }
            do {
                while count < buffer.count {
                    let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
                    if n == 0 {
                        ended = true
                        break
                    }
                    count += n
                }
            } catch {
                damage = error
                ended = true
            }
            deliver(count, ended)
            if ended { return damage }
        }
    }
}
