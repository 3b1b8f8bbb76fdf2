import Foundation

/// A source of temporary credentials (STS, the ECS metadata service, a credentials URI): each call fetches anew.
///
/// Wrapped in a ``RefreshingCredentialsProvider``, which fetches only when the last ones near their expiry.
package protocol TemporaryCredentialsSource: Sendable {
    var name: String { get }

    /// Fetches new credentials (with their expiration).
    func fetch() async throws(CredentialError) -> Credentials
}
