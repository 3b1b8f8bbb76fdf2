#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the CSV report.
///
/// A file is written atomically: to a temporary file (mode 0600) beside it, flushed to disk, then renamed
/// over the destination, so a reader never sees half a report and a failed run never leaves one.
public enum ReportWriter {
    /// Writes the header and `rows`.
    public static func write(_ rows: [ReportRow], to destination: ReportDestination) throws(ReportError) {
        var output: [UInt8] = []
        output.reserveCapacity(64 * 1024)
        CSVEncoding.appendHeader(to: &output)
        switch destination {
        case .standardOutput:
            for row in rows {
                CSVEncoding.appendRecord(row.cells, to: &output)
                if output.count >= 64 * 1024 {
                    try writeAll(output, to: STDOUT_FILENO, path: "standard output")
                    output.removeAll(keepingCapacity: true)
                }
            }
            try writeAll(output, to: STDOUT_FILENO, path: "standard output")
        case .file(let path):
            let temporary = temporaryPath(for: path)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .cannotCreate(path: path, reason: errnoText()) }
            var renamed = false
            defer {
                if !renamed { unlink(temporary) }
            }
            defer { close(fd) }
            for row in rows {
                CSVEncoding.appendRecord(row.cells, to: &output)
                if output.count >= 64 * 1024 {
                    try writeAll(output, to: fd, path: path)
                    output.removeAll(keepingCapacity: true)
                }
            }
            try writeAll(output, to: fd, path: path)
            guard fsync(fd) == 0 else { throw .writeFailed(path: path, reason: errnoText()) }
            guard rename(temporary, path) == 0 else { throw .writeFailed(path: path, reason: errnoText()) }
            renamed = true
        }
    }

    private static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(ReportError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: errnoText())
            }
            offset += written
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
