/// Why a download did not deliver the whole file.
///
/// Its text never holds the download URL (a signed one is a credential): only the name the caller gave.
package struct DownloadFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name as the user knows it (a `LogName`).
    package var name: String
    package var reason: String
    /// Bytes delivered before the failure.
    package var delivered: Int64

    package init(name: String, reason: String, delivered: Int64) {
        self.name = name
        self.reason = reason
        self.delivered = delivered
    }

    package var description: String {
        delivered == 0
            ? "downloading \(name) failed: \(reason)"
            : "downloading \(name) failed after \(delivered) bytes: \(reason)"
    }
}
