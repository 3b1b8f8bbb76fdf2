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

/// What `--query` does with query strings.
package enum QueryMode: String, Sendable, CaseIterable {
    /// Keep the query in the order given, with the same escaping rules as the path.
    case keep
    /// Drop the query.
    case strip
}

/// The options that shape canonical URLs (`--scheme`, `--domain`, `--domain-map`, `--query`).
package struct NormalizationOptions: Sendable, Equatable {
    /// Scheme for entries that do not carry one.
    package var defaultScheme: URLScheme
    /// Canonical accelerated domain for entries that carry only a path; `nil` makes such entries invalid.
    package var defaultDomain: String?
    /// Canonical input host (optionally `host:port`) → canonical accelerated domain.
    package var domainMap: [String: String]
    /// Whether query strings are kept.
    package var query: QueryMode

    package init(
        defaultScheme: URLScheme = .https,
        defaultDomain: String? = nil,
        domainMap: [String: String] = [:],
        query: QueryMode = .keep
    ) {
        self.defaultScheme = defaultScheme
        self.defaultDomain = defaultDomain
        self.domainMap = domainMap
        self.query = query
    }
}
