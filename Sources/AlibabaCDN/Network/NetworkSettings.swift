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
        /// The proxy variable this request would go through cannot be used: the request must not be sent.
        package var unusable: NetworkSettingsError?
        /// The proxy refused for good (credentials rejected, tunnels refused): the request must not be sent.
        package var refused: String?

        package init(
            proxy: ProxyServer?, reason: String, unusable: NetworkSettingsError? = nil, refused: String? = nil
        ) {
            self.proxy = proxy
            self.reason = reason
            self.unusable = unusable
            self.refused = refused
        }

        /// Why a request on this route must not be sent, if it must not.
        package var blocked: String? { unusable.map { "\($0)" } ?? refused }
    }

    package var httpsProxy: ProxyServer?
    package var httpProxy: ProxyServer?
    /// A proxy variable that cannot be used, by scheme (`https`, `http`): an error only for a request that would go
    /// through it.
    package var unusableProxies: [String: NetworkSettingsError] = [:]
    var noProxy: [NoProxyRule]
    /// Certificates trusted besides the system's, and where they came from.
    package var extraTrust: [NIOSSLAdditionalTrustRoots]
    package var trustSource: String?
    /// What was passed over in the environment (a malformed proxy variable, `*` among other `NO_PROXY` entries), to
    /// say on standard error.
    package var warnings: [String] = []
    /// The proxies that refused for good during the run, shared by every client made from these settings.
    package let gate = ProxyGate()

    /// No proxy, the system's trust roots only.
    package static let direct = NetworkSettings(
        httpsProxy: nil, httpProxy: nil, noProxy: [], extraTrust: [], trustSource: nil)

    init(
        httpsProxy: ProxyServer?, httpProxy: ProxyServer?, noProxy: [NoProxyRule],
        extraTrust: [NIOSSLAdditionalTrustRoots], trustSource: String?
    ) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
        self.extraTrust = extraTrust
        self.trustSource = trustSource
    }

    package static func == (lhs: NetworkSettings, rhs: NetworkSettings) -> Bool {
        lhs.httpsProxy == rhs.httpsProxy && lhs.httpProxy == rhs.httpProxy && lhs.noProxy == rhs.noProxy
            && lhs.extraTrust == rhs.extraTrust && lhs.trustSource == rhs.trustSource
            && lhs.unusableProxies == rhs.unusableProxies && lhs.warnings == rhs.warnings
    }

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
            for (scheme, found) in [
                ("https", variable("https_proxy", "HTTPS_PROXY") ?? all),
                ("http", variable("http_proxy", "HTTP_PROXY") ?? all),
            ] {
                guard let found else { continue }
                do {
                    let server = try ProxyServer(url: found.value, source: found.name)
                    if scheme == "https" { settings.httpsProxy = server } else { settings.httpProxy = server }
                } catch {
                    // An error only for a request that would go through it; said now as a warning.
                    settings.unusableProxies[scheme] = error
                    if !settings.warnings.contains("\(error)") { settings.warnings.append("\(error)") }
                }
            }
        }
        if !noProxy, let found = variable("no_proxy", "NO_PROXY") {
            let (rules, warnings) = try NoProxyRule.rules(found.value, source: found.name)
            settings.noProxy = rules
            settings.warnings += warnings
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
        let unusable = unusableProxies[https ? "https" : "http"]
        guard let proxy = https ? httpsProxy : httpProxy else {
            guard let unusable else { return Route(proxy: nil, reason: "no proxy set") }
            if noProxy.contains(where: { $0.matches(host: host, port: port) }) {
                return Route(proxy: nil, reason: "NO_PROXY")
            }
            return Route(proxy: nil, reason: "an unusable proxy variable", unusable: unusable)
        }
        if noProxy.contains(where: { $0.matches(host: host, port: port) }) {
            return Route(proxy: nil, reason: "NO_PROXY")
        }
        return Route(proxy: proxy, reason: proxy.source, refused: gate.refusal(of: proxy))
    }

    /// The client's TLS settings: the system's roots and the extra ones.
    package var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = extraTrust
        return tls
    }

    /// Sets `configuration` up for requests to `url`: its proxy (tried once per connection) and the trust roots.
    ///
    /// The proxy chosen is said at debug level, without credentials. Returns the route.
    @discardableResult
    package func apply(to configuration: inout HTTPClient.Configuration, for url: String, logger: Logger) -> Route {
        let route = self.route(for: url)
        configuration.proxy = route.proxy?.clientProxy
        configuration.tlsConfiguration = tlsConfiguration
        if route.proxy != nil {
            // The client would otherwise try a refused tunnel again and again until the connect timeout, resending
            // rejected credentials each time: a proxy's refusals are retried by the run's own policy (and its gate).
            configuration.connectionPool.retryConnectionEstablishment = false
        }
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
