import Foundation

/// Where and how the client talks to the API.
package struct ClientConfiguration: Sendable, Equatable {
    /// The default endpoint (China regions).
    package static let defaultEndpoint = "https://cdn.aliyuncs.com"

    /// The API endpoint, `scheme://host[:port]` (validated by ``endpoint(_:)``).
    package var endpoint: URL
    /// Time allowed for one request, connect to last byte.
    package var timeoutSeconds: Double
    /// Connections kept per host (the run's `--concurrency`).
    package var maxConnections: Int
    /// Response bodies larger than this are refused.
    package var maxResponseBytes: Int
    package var userAgent: String

    package init(
        endpoint: URL, timeoutSeconds: Double = 30, maxConnections: Int = 8, maxResponseBytes: Int = 8 << 20,
        userAgent: String = "cdn-refresh/0.1.0"
    ) {
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
        self.maxConnections = maxConnections
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }

    /// Why an `--endpoint` value was refused.
    package enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case plainHTTPNotLoopback(String)

        package var description: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not an endpoint URL like https://cdn.aliyuncs.com"
            case .plainHTTPNotLoopback(let text):
                "'\(text)' uses http:// on a non-loopback host; credentials-signed requests go over https:// "
                    + "(http:// is accepted only for 127.0.0.1, ::1 and localhost, e.g. the emulator)"
            }
        }
    }

    /// Validates an endpoint: `https://host[:port]`, or `http://` for a loopback host only.
    package static func endpoint(_ text: String) -> Result<URL, EndpointError> {
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
