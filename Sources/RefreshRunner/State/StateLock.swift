import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive OS lock (`flock`) on an open descriptor of the state directory itself, held while the value lives.
///
/// The kernel releases it when the process dies, however it dies, so a killed run never leaves a stale lock; and
/// since it is not the existence of a file, deleting a file cannot release it. `<state-dir>/lock` only holds the
/// holder's pid, for the message a second run prints.
final class StateLock: Sendable {
    private let descriptor: Mutex<Int32?>

    /// Takes the lock or throws ``StateError/locked(directory:holderPID:)`` at once (it does not wait); a failure other
    /// than "held by another" (`EWOULDBLOCK`) is ``StateError/unusable(directory:reason:)`` naming the errno.
    init(directory: String) throws(StateError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unusable(directory: directory, reason: "cannot open it: \(String(cString: strerror(errno)))")
        }
        let path = directory + "/lock"
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            close(fd)
            guard failure == EWOULDBLOCK else {
                // Not held by another run: the file system cannot lock (ENOLCK on some NFS mounts), or the like.
                throw .unusable(
                    directory: directory,
                    reason:
                        "cannot lock it: \(String(cString: strerror(failure))) (errno \(failure)); a state directory "
                        + "needs a local file system that supports flock")
            }
            throw .locked(directory: directory, holderPID: Self.readPID(path))
        }
        let pidFile = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if pidFile >= 0 {
            let pid = Array("\(getpid())\n".utf8)
            _ = pid.withUnsafeBytes { write(pidFile, $0.baseAddress, $0.count) }
            close(pidFile)
        }
        descriptor = Mutex(fd)
    }

    /// Releases the lock now (it is released on deinit too); calling it again does nothing.
    func release() {
        guard let fd = descriptor.withLock({ $0.take() }) else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }

    deinit {
        release()
    }

    private static func readPID(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace)
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let last = scalars.last, last == "\n" || last == " " || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
