import AsyncHTTPClient
import Foundation
import Logging
import NIOSSL

/// How outgoing HTTP reaches the network: the proxies (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY` and
/// their lower-case forms, read as curl reads them, or `--proxy`/`--no-proxy`) and the trust roots added to the
/// system's (`SSL_CERT_FILE`, `SSL_CERT_DIR`, or `--ca-file`).
///
/// Loopback (`localhost`, 127.0.0.0/8, `::1`) and the ECS metadata service (`100.100.100.200`) are always reached
/// directly, whatever the environment says: a proxy must never see an instance's role credentials.
package struct NetworkSettings: Sendable, Equatable {
    /// Where one request goes.
    package struct Route: Sendable, Equatable {
        /// `nil`: directly.
        package var proxy: ProxyServer?
        /// Why, for the debug log: `HTTPS_PROXY`, `NO_PROXY`, `loopback` and so on.
        package var reason: String
    }

    package var httpsProxy: ProxyServer?
    package var httpProxy: ProxyServer?
    var noProxy: [NoProxyRule]
    /// Certificates trusted besides the system's, and where they came from.
    package var extraTrust: [NIOSSLAdditionalTrustRoots]
    package var trustSource: String?

    /// No proxy, the system's trust roots only.
    package static let direct = NetworkSettings(
        httpsProxy: nil, httpProxy: nil, noProxy: [], extraTrust: [], trustSource: nil)

    /// The ECS metadata service's address.
    package static let metadataHost = "100.100.100.200"

    /// Reads the environment, then the options that override it for one run.
    ///
    /// - Parameters:
    ///   - proxy: `--proxy URL`: every non-local request goes through it (`NO_PROXY` still applies).
    ///   - noProxy: `--no-proxy`: no request goes through a proxy.
    ///   - caFile: `--ca-file PATH`: trusted besides the system's roots, instead of `SSL_CERT_FILE`/`SSL_CERT_DIR`.
    package static func from(
        environment: [String: String], proxy: String? = nil, noProxy: Bool = false, caFile: String? = nil
    ) throws(NetworkSettingsError) -> NetworkSettings {
        func variable(_ names: String...) -> (value: String, name: String)? {
            for name in names {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (value, name)
                }
            }
            return nil
        }
        var settings = NetworkSettings.direct
        if let proxy {
            let server = try ProxyServer(url: proxy, source: "--proxy")
            settings.httpsProxy = server
            settings.httpProxy = server
        } else if !noProxy {
            let all = variable("all_proxy", "ALL_PROXY")
            if let found = variable("https_proxy", "HTTPS_PROXY") ?? all {
                settings.httpsProxy = try ProxyServer(url: found.value, source: found.name)
            }
            if let found = variable("http_proxy", "HTTP_PROXY") ?? all {
                settings.httpProxy = try ProxyServer(url: found.value, source: found.name)
            }
        }
        if !noProxy, let found = variable("no_proxy", "NO_PROXY") {
            settings.noProxy = found.value.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap {
                NoProxyRule(String($0))
            }
        }
        if let caFile {
            try settings.trust(file: caFile, source: "--ca-file")
        } else {
            if let file = variable("SSL_CERT_FILE") { try settings.trust(file: file.value, source: "SSL_CERT_FILE") }
            if let directory = variable("SSL_CERT_DIR") {
                try settings.trust(directory: directory.value, source: "SSL_CERT_DIR")
            }
        }
        return settings
    }

    /// The same settings without proxies (the trust roots stay).
    package var withoutProxies: NetworkSettings {
        var copy = self
        copy.httpsProxy = nil
        copy.httpProxy = nil
        return copy
    }

    /// Where a request to `url` goes.
    package func route(for url: String) -> Route {
        guard let parts = URLComponents(string: url), let host = parts.host?.lowercased() else {
            return Route(proxy: nil, reason: "not a URL")
        }
        let https = parts.scheme?.lowercased() == "https"
        let port = parts.port ?? (https ? 443 : 80)
        if Endpoint.isLoopback(host) { return Route(proxy: nil, reason: "loopback") }
        if host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) == Self.metadataHost {
            return Route(proxy: nil, reason: "the ECS metadata service")
        }
        guard let proxy = https ? httpsProxy : httpProxy else { return Route(proxy: nil, reason: "no proxy set") }
        if noProxy.contains(where: { $0.matches(host: host, port: port) }) {
            return Route(proxy: nil, reason: "NO_PROXY")
        }
        return Route(proxy: proxy, reason: proxy.source)
    }

    /// The client's TLS settings: the system's roots and the extra ones.
    package var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = extraTrust
        return tls
    }

    /// Sets `configuration` up for requests to `url`: its proxy and the trust roots.
    ///
    /// The proxy chosen is said at debug level, without credentials. Returns the route.
    @discardableResult
    package func apply(to configuration: inout HTTPClient.Configuration, for url: String, logger: Logger) -> Route {
        let route = self.route(for: url)
        configuration.proxy = route.proxy?.clientProxy
        configuration.tlsConfiguration = tlsConfiguration
        logger.debug(
            "Proxy chosen",
            metadata: [
                "http.host": "\(URLComponents(string: url)?.host ?? "")",
                "http.proxy": "\(route.proxy.map { "\($0)" } ?? "direct")", "http.proxy_reason": "\(route.reason)",
            ])
        return route
    }

    // MARK: - Trust roots

    private mutating func trust(file path: String, source: String) throws(NetworkSettingsError) {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            guard !certificates.isEmpty else {
                throw NetworkSettingsError.badTrustRoots(source: source, path: path, reason: "no PEM certificate in it")
            }
            extraTrust.append(.certificates(certificates))
            trustSource = source
        } catch let error as NetworkSettingsError {
            throw error
        } catch {
            let reason =
                FileManager.default.isReadableFile(atPath: path) ? "not a PEM certificate bundle" : "cannot read it"
            throw .badTrustRoots(source: source, path: path, reason: reason)
        }
    }

    private mutating func trust(directory path: String, source: String) throws(NetworkSettingsError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: path)
        else { throw .badTrustRoots(source: source, path: path, reason: "not a readable directory") }
        // As OpenSSL does, files that are not certificates are passed over.
        let certificates = names.sorted().flatMap { name in
            (try? NIOSSLCertificate.fromPEMFile(path + "/" + name)) ?? []
        }
        if !certificates.isEmpty {
            extraTrust.append(.certificates(certificates))
            trustSource = trustSource.map { $0 + ", " + source } ?? source
        }
    }
}
