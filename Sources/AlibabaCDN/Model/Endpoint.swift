import Foundation

/// The endpoints the tool calls (the API, STS): `https://host[:port]`, or `http://` on a loopback host only, so that
/// signed requests and credentials never cross a network in clear text.
package enum Endpoint {
    /// Validates an endpoint: `https://host[:port]`, or `http://` for a loopback host only.
    package static func parse(_ text: String) -> Result<URL, EndpointError> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
            components.path.isEmpty || components.path == "/"
        else { return .failure(.malformed(text)) }
        switch scheme {
        case "https":
            break
        case "http":
            guard isLoopback(host) else { return .failure(.plainHTTPNotLoopback(text)) }
        default:
            return .failure(.malformed(text))
        }
        var clean = URLComponents()
        clean.scheme = scheme
        clean.host = host
        clean.port = components.port
        guard let url = clean.url else { return .failure(.malformed(text)) }
        return .success(url)
    }

    /// Whether `host` is a loopback name or address.
    package static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" { return true }
        let parts = name.split(separator: ".")
        return parts.count == 4 && parts.first == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
