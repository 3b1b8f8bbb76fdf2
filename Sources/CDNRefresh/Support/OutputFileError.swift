#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file the tool was asked to write may not be written there.
package enum OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A symbolic link someone else owns.
    case foreignLink(String, owner: uid_t)
    /// A device, a FIFO, a directory.
    case notRegular(String)
    /// Its directory does not exist or does not let us create a file.
    case unwritable(String, reason: String)
    /// It cannot be examined.
    case unusable(String, reason: String)

    package var description: String {
        switch self {
        case .foreignLink(let path, let owner):
            "'\(path)' is a symbolic link owned by another user (uid \(owner)); it is not followed — remove it or "
                + "choose another path"
        case .notRegular(let path):
            "'\(path)' is not a regular file; to write to a device or a pipe, give '-' and redirect standard output"
        case .unwritable(let path, let reason):
            "cannot create a file beside '\(path)': \(reason)"
        case .unusable(let path, let reason):
            "cannot examine '\(path)': \(reason)"
        }
    }
}
