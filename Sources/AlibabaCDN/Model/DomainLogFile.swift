import Foundation

/// One hourly offline log file of a domain, as `DescribeCdnDomainLogs` lists it.
///
/// ``path`` is a signed download URL (it carries `OSSAccessKeyId`, `Expires` and `Signature`): a credential for as
/// long as it is valid. It is never printed, logged or written; ``name`` is what a user sees. Its description
/// leaves the path out.
package struct DomainLogFile: Sendable, Equatable, CustomStringConvertible {
    /// `LogName`: Alibaba's file name, `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS.gz` (UTC+8).
    package var name: String
    /// `LogPath`: the signed download URL, often without its scheme.
    package var path: String
    /// `LogSize`, in bytes (0 when not given).
    package var size: Int64
    /// The hour the file covers.
    package var start: Date?
    package var end: Date?

    package init(name: String, path: String, size: Int64, start: Date?, end: Date?) {
        self.name = name
        self.path = path
        self.size = size
        self.start = start
        self.end = end
    }

    package var description: String {
        "\(name) (\(size) bytes)"
    }
}
