/// Where the report goes (`--report`).
package enum ReportDestination: Sendable, Equatable {
    case standardOutput
    case file(String)

    /// Parses `--report`: absent or `-` is standard output.
    package init(argument: String?) {
        if let argument, argument != "-" {
            self = .file(argument)
        } else {
            self = .standardOutput
        }
    }
}
