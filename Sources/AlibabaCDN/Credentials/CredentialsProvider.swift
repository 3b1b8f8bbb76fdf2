import Foundation

/// Where a run's credentials come from; asked before every call, so temporary credentials can be renewed.
package protocol CredentialsProvider: Sendable {
    /// What the source is, for messages (`environment`, `ECS instance role 'cdn'` …).
    var name: String { get }

    /// Credentials valid for the next call.
    func credentials() async throws(CredentialError) -> Credentials
}
