/// A call that got no answer.
///
/// Its ``description`` is a sentence (``detail``), never a dump of the value.
package struct TransportFailure: Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The connection was never made: the request did not leave.
        case notSent
        /// The connection closed before the answer: the API may or may not have acted.
        case connectionLost
        /// The timeout passed: the API may or may not have acted.
        case timedOut

        var code: String {
            switch self {
            case .notSent: "ConnectionFailed"
            case .connectionLost: "ConnectionLost"
            case .timedOut: "Timeout"
            }
        }
    }

    package var kind: Kind
    package var detail: String
    /// Every call will fail the same way until the machine's settings change (a certificate it does not trust, a
    /// proxy that wants credentials): trying again is pointless.
    package var permanent: Bool

    /// A proxy answered the tunnel (`CONNECT`) with this status: 407 (its credentials refused), 502 or 503 (it could
    /// not reach the host); `nil` for anything else.
    package var proxyStatus: Int?

    package init(kind: Kind, detail: String, permanent: Bool = false, proxyStatus: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.permanent = permanent
        self.proxyStatus = proxyStatus
    }

    package var description: String { detail }
}
