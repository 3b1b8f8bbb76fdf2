import AsyncHTTPClient
import NIOSSL

/// Explains the failures that come from the way to a host rather than from the host: a certificate the machine
/// does not trust (a TLS-inspecting proxy's), a proxy that refuses the connection or asks for credentials.
package enum NetworkFailure {
    /// A sentence a user can act on, or `nil` when `error` is not one of these.
    package static func explain(_ error: any Error, host: String, proxy: ProxyServer?) -> String? {
        if let proxy, let clientError = error as? HTTPClientError, clientError == .proxyAuthenticationRequired {
            return "the proxy \(proxy) asked for credentials (HTTP 407): give them as http://user:password@host:port"
        }
        if isUntrustedCertificate(error) {
            return "certificate for \(host) not trusted: set SSL_CERT_FILE to your proxy's CA bundle (or use --ca-file)"
        }
        let text = "\(error)"
        if let proxy,
            text.contains("NIOConnectionError") || text.lowercased().contains("refused")
                || text.contains("connectTimeout")
        {
            return
                "could not connect to the proxy \(proxy): \(text.lowercased().contains("refused") ? "connection refused" : "no answer")"
        }
        if let proxy, let clientError = error as? HTTPClientError, clientError == .invalidProxyResponse {
            return "the proxy \(proxy) refused the tunnel to \(host)"
        }
        return nil
    }

    /// Whether the TLS handshake failed because the peer's certificate did not verify.
    package static func isUntrustedCertificate(_ error: any Error) -> Bool {
        if let ssl = error as? NIOSSLError, case .handshakeFailed(let inner) = ssl {
            return "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") || "\(inner)".lowercased().contains("certificate")
        }
        let text = "\(error)"
        return text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
    }
}
