import Foundation

/// Where a run's credentials come from; asked before every call, so temporary credentials can be renewed.
package protocol CredentialsProvider: Sendable {
    /// What the source is, for messages (`environment`, `ECS instance role 'cdn'` …).
    var name: String { get }

    /// Credentials valid for the next call.
    func credentials() async throws(CredentialError) -> Credentials
}

/// A source of temporary credentials (STS, the ECS metadata service, a credentials URI): each call fetches anew.
///
/// Wrapped in a ``RefreshingCredentialsProvider``, which fetches only when the last ones near their expiry.
package protocol TemporaryCredentialsSource: Sendable {
    var name: String { get }

    /// Fetches new credentials (with their expiration).
    func fetch() async throws(CredentialError) -> Credentials
}

/// Long-lived keys (or a token someone else renews): the same credentials every time.
package struct StaticCredentialsProvider: CredentialsProvider {
    package let fixed: Credentials

    package init(_ credentials: Credentials) {
        self.fixed = credentials
    }

    package var name: String { fixed.origin }

    package func credentials() async throws(CredentialError) -> Credentials { fixed }
}
