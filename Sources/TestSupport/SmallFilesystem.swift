import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted for a test: a state disk that fills up.
///
/// Only where the machine allows it (the test runs as root and may mount); elsewhere ``mount(at:megabytes:)``
/// returns `nil` and the test is skipped with a message.
package final class SmallFilesystem: Sendable {
    package let path: String

    private init(path: String) {
        self.path = path
    }

    /// Mounts a tmpfs of `megabytes` at `path` (created if needed); `nil` when it cannot.
    package static func mount(at path: String, megabytes: Int) -> SmallFilesystem? {
        guard geteuid() == 0 else { return nil }
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path]) == 0 else {
            return nil
        }
        return SmallFilesystem(path: path)
    }

    /// Whether a tmpfs can be mounted here, for `.enabled(if:)`.
    package static let isAvailable: Bool = {
        let probe = NSTemporaryDirectory() + "cdn-refresh-tmpfs-probe-\(getpid())"
        guard let filesystem = mount(at: probe, megabytes: 1) else { return false }
        filesystem.unmount()
        try? FileManager.default.removeItem(atPath: probe)
        return true
    }()

    /// Fills it to the last byte with a file named `filler`.
    package func fill() {
        let fd = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 64 * 1024)
        var size = block.count
        while size > 0 {
            let written = block.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, size) }
            if written <= 0 {
                if size == 1 { break }
                size /= 2
            }
        }
    }

    /// Frees what ``fill()`` took.
    package func free() {
        unlink(path + "/filler")
    }

    package func unmount() {
        _ = Self.run("/bin/umount", ["-l", path])
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
