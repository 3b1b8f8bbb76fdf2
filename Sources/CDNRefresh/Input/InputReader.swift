/// Opens an input, detects gzip by its magic bytes (never by its name) and reads it line by line.
struct InputReader {
    var lineReader = LineReader()

    /// The outcome of reading one input.
    struct Outcome {
        /// Why the input could not be read to its end, if it could not.
        var damage: InputError?
        /// Whether the input was gzip-compressed.
        var wasGzip: Bool
    }

    /// Reads every line of `input`, calling `body` for each.
    ///
    /// An input that cannot be opened yields an outcome with ``InputError/cannotOpen(path:reason:)`` and no
    /// lines. A gzip file is recognised by `1f 8b`; anything else, including a one-byte file, is plain text.
    func read(_ input: InputSource, standardInput: Int32 = 0, _ body: (LineEvent) -> Void) -> Outcome {
        var raw: FileDescriptorSource
        switch input {
        case .file(let path):
            do {
                raw = try FileDescriptorSource(path: path)
            } catch {
                return Outcome(damage: error, wasGzip: false)
            }
        case .standardInput:
            raw = FileDescriptorSource(borrowing: standardInput, name: input.displayName)
        }
        let magic: [UInt8]
        do {
            magic = try raw.peek(2)
        } catch {
            return Outcome(damage: error, wasGzip: false)
        }
        if magic == [0x1f, 0x8b] {
            var gzip: GzipSource
            do {
                gzip = try GzipSource(upstream: raw)
            } catch {
                return Outcome(damage: error, wasGzip: true)
            }
            return Outcome(damage: lineReader.read(&gzip, body), wasGzip: true)
        }
        return Outcome(damage: lineReader.read(&raw, body), wasGzip: false)
    }
}
