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
