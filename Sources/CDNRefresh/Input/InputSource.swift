/// Where one input comes from: a file path, standard input (`-`), a domain's CDN logs (`cdn:DOMAIN`), which a run
/// lists into one remote input per log file, or a logstore of real-time logs (`sls:PROJECT/LOGSTORE`), which SLS
/// counts into one remote input of URLs and hits.
package enum InputSource: Sendable, Hashable {
    case file(String)
    case standardInput
    /// A domain's CDN offline logs, not yet listed (`cdn:DOMAIN`, the domain in lower case). Read unlisted, it is
    /// an input that cannot be opened.
    case cdnLogs(domain: String)
    /// A Simple Log Service logstore of real-time logs (`sls:PROJECT/LOGSTORE`), not yet queried. Read unqueried, it
    /// is an input that cannot be opened.
    case slsLogs(project: String, logstore: String)
    /// A file fetched while it is read (one CDN log file, or SLS's counts as a manifest).
    case remote(RemoteInput)
    /// An input that could not be listed: read, it cannot be opened, for `reason`.
    case unavailable(name: String, reason: String)

    /// The prefix of an operand that names a domain's CDN logs.
    package static let cdnPrefix = "cdn:"
    /// The prefix of an operand that names a logstore of real-time logs.
    package static let slsPrefix = "sls:"

    /// Parses a command-line operand: `-` is standard input, `cdn:DOMAIN` a domain's CDN logs, `sls:PROJECT/LOGSTORE`
    /// a logstore, anything else a path (`./cdn:x` is a file).
    package init(operand: String) {
        if operand == "-" {
            self = .standardInput
        } else if operand.lowercased().hasPrefix(Self.cdnPrefix) {
            self = .cdnLogs(domain: String(operand.dropFirst(Self.cdnPrefix.count)).lowercased())
        } else if operand.lowercased().hasPrefix(Self.slsPrefix) {
            let parts = operand.dropFirst(Self.slsPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
            self = .slsLogs(
                project: parts.first.map(String.init) ?? "", logstore: parts.dropFirst().joined(separator: "/"))
        } else {
            self = .file(operand)
        }
    }

    /// The name used in `source` cells and messages: the path as given, `stdin`, `cdn:DOMAIN`,
    /// `cdn:DOMAIN/LogName` for one log file, or `sls:PROJECT/LOGSTORE`.
    package var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "stdin"
        case .cdnLogs(let domain): Self.cdnPrefix + domain
        case .slsLogs(let project, let logstore): Self.slsPrefix + project + "/" + logstore
        case .remote(let remote): remote.name
        case .unavailable(let name, _): name
        }
    }
}

extension InputSource {
    /// Whether the input is a logstore of real-time logs (`sls:`), not yet queried.
    package var isSLS: Bool {
        if case .slsLogs = self { true } else { false }
    }

    /// Whether the input is read through an API (`cdn:`, `sls:`) rather than from this machine.
    package var isRemote: Bool {
        switch self {
        case .cdnLogs, .slsLogs, .remote: true
        case .file, .standardInput, .unavailable: false
        }
    }
}
