/// The scheme of a refresh URL.
package enum URLScheme: String, Sendable, CaseIterable {
    case http
    case https

    /// The port that is dropped from URLs because it is this scheme's default.
    var defaultPort: Int {
        switch self {
        case .http: 80
        case .https: 443
        }
    }
}
