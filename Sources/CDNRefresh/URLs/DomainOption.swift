extension NormalizationOptions {
    /// Canonicalizes a `--domain` or `--domain-map` value: `host[:port]`, lower case, punycode, no default port.
    ///
    /// - Returns: the canonical `host[:port]`, or why the value is not a domain.
    package static func canonicalDomain(_ text: String, scheme: URLScheme = .https) -> Result<
        String, NormalizationError
    > {
        var normalizer = URLNormalizer(options: NormalizationOptions(defaultScheme: scheme))
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, !trimmed.contains("/") || trimmed.hasSuffix("/") && !trimmed.dropLast().contains("/")
        else {
            return .failure(.invalidHost("'\(text)' is not a host name"))
        }
        let host = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
        return normalizer.normalize(host + "/", form: .manifestEntry).map { url in
            String(CanonicalURL.domain(of: url))
        }
    }
}
