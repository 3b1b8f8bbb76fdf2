/// What a refresh entry names.
///
/// A file URL, a directory, a regular expression, or a URL refreshed without its query parameters. The raw
/// values are the report's `type` cells.
package enum EntryType: String, Sendable, Hashable, CaseIterable, Comparable {
    case file
    case directory
    case regex
    case ignoreparams

    /// Parses a manifest `type` field: `file`, `directory` (or `dir`), `regex`, `ignoreparams`; any case.
    package init?(field: some StringProtocol) {
        switch field.lowercased() {
        case "file": self = .file
        case "directory", "dir": self = .directory
        case "regex": self = .regex
        case "ignoreparams": self = .ignoreparams
        default: return nil
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.sortIndex < rhs.sortIndex
    }

    private var sortIndex: Int {
        switch self {
        case .file: 0
        case .directory: 1
        case .regex: 2
        case .ignoreparams: 3
        }
    }
}
