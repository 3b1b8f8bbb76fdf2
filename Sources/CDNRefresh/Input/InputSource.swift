/// Where one input comes from: a file path, or standard input (`-`).
package enum InputSource: Sendable, Hashable {
    case file(String)
    case standardInput

    /// Parses a command-line operand: `-` is standard input, anything else a path.
    package init(operand: String) {
        self = operand == "-" ? .standardInput : .file(operand)
    }

    /// The name used in `source` cells and messages: the path as given, or `stdin`.
    package var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "stdin"
        }
    }
}
