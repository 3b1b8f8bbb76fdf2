/// A proxy or trust setting that cannot be used, named with the variable or option it came from.
package enum NetworkSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A proxy URL that is not `http://[user:password@]host[:port]`.
    case badProxy(source: String, reason: String)
    /// A CA file or directory that cannot be read.
    case badTrustRoots(source: String, path: String, reason: String)
    /// A `NO_PROXY` entry that cannot be read (a malformed CIDR range).
    case badNoProxy(source: String, entry: String, reason: String)

    package var description: String {
        switch self {
        case .badProxy(let source, let reason):
            "the proxy in \(source) cannot be used: \(reason)"
        case .badTrustRoots(let source, let path, let reason):
            "the certificates in \(source) (\(path)) cannot be used: \(reason)"
        case .badNoProxy(let source, let entry, let reason):
            "\(source) entry '\(entry)' cannot be read: \(reason)"
        }
    }
}
