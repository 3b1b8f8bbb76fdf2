extension Candidate {
    /// The `host[:port]` of the URL.
    package var domain: String { Self.domain(of: url) }

    /// The `host[:port]` of a canonical URL.
    package static func domain(of url: String) -> String { String(CanonicalURL.domain(of: url)) }
}
