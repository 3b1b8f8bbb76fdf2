import AsyncHTTPClient
import Foundation

/// A forward HTTP proxy: `http://[user:password@]host[:port]`, as `HTTPS_PROXY` and `--proxy` give it.
///
/// TLS to an `https://` target goes through it with `CONNECT`; `user:password` becomes Basic proxy
/// authentication. Its ``description`` never shows the password.
package struct ProxyServer: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int
    package var username: String?
    package var password: String?
    /// Where it was given: `HTTPS_PROXY`, `http_proxy`, `--proxy` and so on.
    package var source: String

    /// Parses a proxy URL; a bare `host:port` is taken as `http://host:port` (as curl does).
    package init(url text: String, source: String) throws(NetworkSettingsError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let parts = URLComponents(string: withScheme), let host = parts.host, !host.isEmpty else {
            throw .badProxy(source: source, reason: "expected http://[user:password@]host[:port]")
        }
        guard parts.scheme?.lowercased() == "http" else {
            throw .badProxy(
                source: source,
                reason: "only http:// proxies are supported (TLS to the target still goes through them with CONNECT)")
        }
        self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = parts.port ?? 80
        self.username = parts.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 }
        self.password = parts.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 }
        self.source = source
    }

    /// `http://user:***@proxy.example.com:3128 (HTTPS_PROXY)`: what messages and logs show.
    package var description: String {
        let user = username.map { ($0) + (password == nil ? "" : ":***") + "@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(user)\(shownHost):\(port) (\(source))"
    }

    /// The client's form of it.
    var clientProxy: HTTPClient.Configuration.Proxy {
        if let username {
            return .server(
                host: host, port: port, authorization: .basic(username: username, password: password ?? ""))
        }
        return .server(host: host, port: port)
    }
}
