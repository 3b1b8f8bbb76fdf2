#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way the tool replaces a file (the report, a manifest, the metrics): a new temporary file beside it,
/// created exclusively with the caller's mode, written, flushed to disk, then renamed over the destination.
///
/// A reader never sees half a file, and a failed write never leaves one: the temporary file is removed. The
/// temporary name is unpredictable, and an existing file or link of that name is never opened.
package enum AtomicFile {
    /// Replaces `path` with what `body` writes to the descriptor it is given; the file gets `mode` exactly
    /// (whatever the umask).
    package static func replace(
        _ path: String, mode: mode_t, _ body: (Int32) throws(FileWriteFailure) -> Void
    ) throws(FileWriteFailure) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteFailure(.create, reason: errnoText()) }
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw FileWriteFailure(.create, reason: errnoText()) }
        try body(fd)
        guard fsync(fd) == 0 else { throw FileWriteFailure(.write, reason: errnoText()) }
        guard rename(temporary, path) == 0 else { throw FileWriteFailure(.rename, reason: errnoText()) }
        renamed = true
    }

    /// Creates and removes a temporary file where ``replace(_:mode:_:)`` would put one for `path`: whether it could.
    package static func probe(besides path: String) throws(FileWriteFailure) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileWriteFailure(.create, reason: errnoText()) }
        close(fd)
        unlink(temporary)
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes.
    package static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(FileWriteFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteFailure(.write, reason: errnoText())
            }
            offset += written
        }
    }

    /// `.NAME.PID.RANDOM.tmp` in the destination's directory (so the rename stays on one filesystem).
    private static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
    }
}
