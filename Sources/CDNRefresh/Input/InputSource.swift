/// Where one input comes from: a file path, standard input (`-`), or a domain's CDN logs (`cdn:DOMAIN`), which a run
/// lists into one remote input per log file.
package enum InputSource: Sendable, Hashable {
    case file(String)
    case standardInput
    /// A domain's CDN offline logs, not yet listed (`cdn:DOMAIN`, the domain in lower case). Read unlisted, it is
    /// an input that cannot be opened.
    case cdnLogs(domain: String)
    /// A file fetched while it is read (one CDN log file).
    case remote(RemoteInput)
    /// An input that could not be listed: read, it cannot be opened, for `reason`.
    case unavailable(name: String, reason: String)

    /// The prefix of an operand that names a domain's CDN logs.
    package static let cdnPrefix = "cdn:"

    /// Parses a command-line operand: `-` is standard input, `cdn:DOMAIN` a domain's CDN logs, anything else a
    /// path (`./cdn:x` is a file).
    package init(operand: String) {
        if operand == "-" {
            self = .standardInput
        } else if operand.lowercased().hasPrefix(Self.cdnPrefix) {
            self = .cdnLogs(domain: String(operand.dropFirst(Self.cdnPrefix.count)).lowercased())
        } else {
            self = .file(operand)
        }
    }

    /// The name used in `source` cells and messages: the path as given, `stdin`, `cdn:DOMAIN`, or
    /// `cdn:DOMAIN/LogName` for one log file.
    package var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "stdin"
        case .cdnLogs(let domain): Self.cdnPrefix + domain
        case .remote(let remote): remote.name
        case .unavailable(let name, _): name
        }
    }
}
