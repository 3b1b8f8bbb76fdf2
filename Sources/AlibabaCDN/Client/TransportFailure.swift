/// A call that got no answer.
package struct TransportFailure: Sendable, Equatable {
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

    package init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
