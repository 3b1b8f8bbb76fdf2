import AlibabaCDN

/// A URL's freshness and why.
package struct Verdict: Sendable, Equatable {
    package var freshness: Freshness
    package var reason: String

    package init(_ freshness: Freshness, _ reason: String) {
        self.freshness = freshness
        self.reason = reason
    }
}
