import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Support

/// What a failed exchange means, as a sentence a user can act on: a certificate the machine does not trust (a
/// TLS-inspecting proxy's), a proxy that refuses the connection, rejects the credentials given, or cannot reach the
/// host, a timeout, a lost connection.
///
/// A proxy's lasting refusals are recorded in its ``ProxyGate``: credentials it rejected are never sent again, and a
/// proxy that refused three tunnels within 15 s is given up; such failures are permanent (the run stops).
package enum NetworkFailure {
    /// Maps `error` from an exchange with `url` along `route`, waiting at most `timeout` seconds.
    package static func failure(
        _ error: any Error, url: String, route: NetworkSettings.Route, gate: ProxyGate, timeout: Double
    ) async -> TransportFailure {
        let parts = URLComponents(string: url)
        let host = parts?.host ?? ""
        if let proxy = route.proxy, let clientError = error as? HTTPClientError {
            if clientError == .proxyAuthenticationRequired {
                guard proxy.username != nil else {
                    return TransportFailure(
                        kind: .notSent,
                        detail: "the proxy \(proxy) asked for credentials (HTTP 407): give them as "
                            + "http://user:password@host:port in \(proxy.source)", permanent: true, proxyStatus: 407)
                }
                return TransportFailure(
                    kind: .notSent, detail: gate.credentialsRejected(by: proxy), permanent: true, proxyStatus: 407)
            }
            if clientError == .invalidProxyResponse {
                let port = parts?.port ?? (parts?.scheme?.lowercased() == "http" ? 80 : 443)
                return await tunnelRefused(by: proxy, host: host, port: port, gate: gate, timeout: timeout)
            }
        }
        if isUntrustedCertificate(error) {
            return TransportFailure(
                kind: .notSent,
                detail: "certificate for \(host) not trusted: set SSL_CERT_FILE to your proxy's CA bundle (or use "
                    + "--ca-file)", permanent: true)
        }
        let failure = classify(error, timeout: timeout)
        if let proxy = route.proxy, failure.kind == .notSent {
            return TransportFailure(
                kind: .notSent, detail: "could not connect to the proxy \(proxy): \(ErrorSentence.describe(error))")
        }
        return failure
    }

    /// A tunnel the proxy refused: the status it answered, and whether it is now given up.
    private static func tunnelRefused(
        by proxy: ProxyServer, host: String, port: Int, gate: ProxyGate, timeout: Double
    ) async -> TransportFailure {
        let target = "\(host):\(port)"
        var status = gate.tunnelStatus(of: proxy, to: target)
        if status == nil {
            status = await ProxyTunnelProbe.status(proxy: proxy, host: host, port: port, timeout: min(timeout, 10))
            if let status { gate.noteTunnelStatus(status, of: proxy, to: target) }
        }
        let answer = status.map { "HTTP \($0)\(reason($0).map { " \($0)" } ?? "")" } ?? "an unexpected answer"
        let sentence = "the proxy \(proxy) answered \(answer) to CONNECT \(host):\(port)"
        guard let status, status == 502 || status == 503 else {
            return TransportFailure(
                kind: .notSent, detail: sentence + ": it refuses the tunnel", permanent: status != nil,
                proxyStatus: status)
        }
        let givenUp = gate.tunnelRefused(by: proxy, status: status, sentence: sentence)
        return TransportFailure(
            kind: .notSent,
            detail: givenUp ? gate.refusal(of: proxy) ?? sentence : sentence + " (it could not reach the host)",
            permanent: givenUp, proxyStatus: status)
    }

    private static func reason(_ status: Int) -> String? {
        [502: "Bad Gateway", 503: "Service Unavailable", 403: "Forbidden", 400: "Bad Request"][status]
    }

    /// Whether a request may have been received, and why it failed, for an error that is not the way's fault.
    package static func classify(_ error: any Error, timeout: Double) -> TransportFailure {
        let limit = "timed out after \(Figures.seconds(timeout, trimmed: true))"
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout:
                return TransportFailure(kind: .notSent, detail: "could not connect: \(limit)")
            case .alreadyShutdown:
                return TransportFailure(kind: .notSent, detail: "could not connect: the client was shut down")
            case .deadlineExceeded, .readTimeout:
                return TransportFailure(kind: .timedOut, detail: limit)
            case .remoteConnectionClosed:
                return TransportFailure(kind: .connectionLost, detail: "the connection closed before the answer")
            default:
                return TransportFailure(kind: .connectionLost, detail: ErrorSentence.describe(clientError))
            }
        }
        if error is DeadlineExceeded { return TransportFailure(kind: .timedOut, detail: limit) }
        if error is NIOTooManyBytesError {
            return TransportFailure(kind: .connectionLost, detail: "the answer was larger than allowed")
        }
        if error is CancellationError { return TransportFailure(kind: .connectionLost, detail: "cancelled") }
        let text = "\(error)"
        if text.contains("NIOConnectionError") || text.contains("Connection errors") || text.contains("connectTimeout")
            || text.lowercased().contains("connection refused") || text.hasPrefix("DNS error")
        {
            return TransportFailure(kind: .notSent, detail: "could not connect: \(ErrorSentence.describe(error))")
        }
        return TransportFailure(kind: .connectionLost, detail: ErrorSentence.describe(error))
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
