import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive OS file lock on `<state-dir>/lock` (`flock`), held while the value lives.
///
/// The kernel releases it when the process dies, however it dies, so a killed run never leaves a stale lock.
/// The file holds the holder's pid, for the message a second run prints.
final class StateLock: Sendable {
    private let descriptor: Mutex<Int32?>

    /// Takes the lock or throws ``StateError/locked(directory:holderPID:)`` at once (it does not wait).
    init(directory: String) throws(StateError) {
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .unusable(directory: directory, reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readPID(fd)
            close(fd)
            throw .locked(directory: directory, holderPID: holder)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
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

    private static func readPID(_ fd: Int32) -> Int32? {
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
