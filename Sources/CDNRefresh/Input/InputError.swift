/// Why an input could not be read to its end.
///
/// An input error never aborts the run: the lines read before the damage are still processed, the input is
/// named on standard error, and the run ends with exit code 1.
package enum InputError: Error, Sendable, Equatable {
    /// The file could not be opened (missing, a directory, no permission).
    case cannotOpen(path: String, reason: String)
    /// A read from the file or pipe failed part-way.
    case readFailed(path: String, reason: String)
    /// The gzip data ends inside a member: the file was cut off (often a log rotated while it was copied).
    case truncatedGzip(path: String)
    /// zlib rejected the gzip data (bad header, bad block, checksum mismatch).
    case corruptGzip(path: String, detail: String)
    /// Bytes that are not gzip follow a complete gzip member.
    case trailingGarbage(path: String)
    /// The run was told to stop (SIGTERM, SIGINT) while this input was read, or before it was.
    case stopped(path: String)

    /// The input's name as the user gave it.
    package var path: String {
        switch self {
        case .cannotOpen(let path, _), .readFailed(let path, _), .truncatedGzip(let path),
            .corruptGzip(let path, _), .trailingGarbage(let path), .stopped(let path):
            path
        }
    }
}

extension InputError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open input '\(path)': \(reason)"
        case .readFailed(let path, let reason):
            "reading input '\(path)' failed part-way: \(reason); the lines read before the failure were processed"
        case .truncatedGzip(let path):
            "input '\(path)' is a truncated gzip file (it ends inside a compressed member); "
                + "the lines before the cut were processed"
        case .corruptGzip(let path, let detail):
            "input '\(path)' is a corrupt gzip file (\(detail)); the lines before the damage were processed"
        case .trailingGarbage(let path):
            "input '\(path)' has bytes that are not gzip after its last complete member; they were ignored"
        case .stopped(let path):
            "reading input '\(path)' stopped: the run was told to stop; the lines read before were processed"
        }
    }
}

extension InputError {
    /// Whether the data ended abruptly, so an unterminated last line is probably incomplete.
    var cutsLastLine: Bool {
        switch self {
        case .trailingGarbage, .cannotOpen: false
        case .readFailed, .truncatedGzip, .corruptGzip, .stopped: true
        }
    }
}
