#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the tool may write a file it was asked for (the report, a manifest, the metrics), decided before anything
/// is written — and, for a run, before anything is sent.
///
/// A regular file, or a new one, is replaced atomically (``AtomicFile``). A symbolic link is followed only when the
/// user running the tool (or root) owns it: in a world-writable directory such as `/tmp`, another user could have
/// planted it to make the tool overwrite a file of theirs choosing. Anything that is not a regular file — a device,
/// a FIFO, a directory — is refused: `-` writes to standard output, which can be redirected anywhere.
package enum OutputFile {
    /// The regular file (existing or not) that writing `path` will replace, or why it may not be written.
    package static func resolve(_ path: String) -> Result<String, OutputFileError> {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // Nothing there yet: a new file.
            return errno == ENOENT ? .success(path) : .failure(.unusable(path, reason: errnoText()))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .success(path)
        case S_IFLNK:
            guard info.st_uid == geteuid() || info.st_uid == 0 else {
                return .failure(.foreignLink(path, owner: info.st_uid))
            }
            guard let resolved = realpath(path, nil) else {
                // A dangling link the user owns: its target will be created.
                return resolveDangling(path)
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            var targetInfo = stat()
            guard stat(target, &targetInfo) == 0 else { return .success(target) }
            return (targetInfo.st_mode & S_IFMT) == S_IFREG ? .success(target) : .failure(.notRegular(path))
        default:
            return .failure(.notRegular(path))
        }
    }

    /// Checks that a file can be created beside `resolved` (where its temporary file will be), by creating and
    /// removing one.
    package static func checkWritable(_ resolved: String) -> Result<Void, OutputFileError> {
        do {
            try AtomicFile.probe(besides: resolved)
            return .success(())
        } catch {
            return .failure(.unwritable(resolved, reason: error.reason))
        }
    }

    /// The path a file is known by for comparisons: its directory resolved, then its name.
    package static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolved = realpath(directory.isEmpty ? "/" : directory, nil) else { return path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + name
    }

    private static func resolveDangling(_ path: String) -> Result<String, OutputFileError> {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count > 0 else { return .failure(.unusable(path, reason: errnoText())) }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return .success(target) }
        let slash = path.lastIndex(of: "/")
        return .success((slash.map { String(path[...$0]) } ?? "") + target)
    }
}
