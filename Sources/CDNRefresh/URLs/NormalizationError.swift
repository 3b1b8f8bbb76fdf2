/// Why an entry could not be turned into a refresh URL.
package enum NormalizationError: Error, Sendable, Equatable {
    /// The entry is empty or only white space.
    case empty
    /// The scheme is not `http` or `https`.
    case unsupportedScheme(String)
    /// The entry carries only a path and no `--domain` was given.
    case missingDomain
    /// The host is not a valid DNS name (or IP literal).
    case invalidHost(String)
    /// The host is a wildcard (`*.example.com`), which the CDN does not accept.
    case wildcardHost
    /// The port is not a number from 1 to 65535.
    case invalidPort(String)
    /// A log request target that is not a URL (`*`, an authority for CONNECT).
    case notAURL(String)
    /// The host of an OSS record is a raw OSS endpoint, which is never an accelerated domain.
    case unmappedOSSHost(String)

    /// The report's `error_code` for this failure.
    package var code: String {
        switch self {
        case .empty: "EmptyURL"
        case .unsupportedScheme: "UnsupportedScheme"
        case .missingDomain: "MissingDomain"
        case .invalidHost: "InvalidHost"
        case .wildcardHost: "WildcardHost"
        case .invalidPort: "InvalidPort"
        case .notAURL: "NotAURL"
        case .unmappedOSSHost: "UnmappedHost"
        }
    }
}

extension NormalizationError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .empty:
            "the entry is empty"
        case .unsupportedScheme(let scheme):
            "scheme '\(scheme)' is not supported; only http and https URLs can be refreshed"
        case .missingDomain:
            "the entry has only a path; pass --domain HOST (or give a full URL)"
        case .invalidHost(let detail):
            "invalid host: \(detail)"
        case .wildcardHost:
            "wildcard hosts cannot be refreshed; name the accelerated domain"
        case .invalidPort(let port):
            "invalid port '\(port)'"
        case .notAURL(let target):
            "request target '\(target)' is not a URL"
        case .unmappedOSSHost(let host):
            "OSS host '\(host)' is not an accelerated domain; pass --domain-map \(host)=YOUR.CDN.DOMAIN or --domain"
        }
    }
}
