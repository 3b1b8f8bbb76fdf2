import Foundation

/// Why a probe got no answer.
package struct EdgeProbeFailure: Error, Sendable, Equatable {
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }
}
