/// `ObjectType` of `RefreshObjectCaches`.
package enum ObjectType: String, Sendable, CaseIterable, Codable {
    case file = "File"
    case directory = "Directory"
    case regex = "Regex"
    case ignoreParams = "IgnoreParams"

    /// The lower-case form `DescribeRefreshTasks` filters and reports with.
    package var taskObjectType: String {
        switch self {
        case .file: "file"
        case .directory: "directory"
        case .regex: "regex"
        case .ignoreParams: "ignoreparams"
        }
    }

    /// Parses the request value, ignoring case.
    package init?(parameter: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == parameter.lowercased() }) else {
            return nil
        }
        self = match
    }
}
