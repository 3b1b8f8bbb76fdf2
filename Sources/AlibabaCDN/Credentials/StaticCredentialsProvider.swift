import Foundation

/// Long-lived keys (or a token someone else renews): the same credentials every time.
package struct StaticCredentialsProvider: CredentialsProvider {
    package let fixed: Credentials

    package init(_ credentials: Credentials) {
        self.fixed = credentials
    }

    package var name: String { fixed.origin }

    package func credentials() async throws(CredentialError) -> Credentials { fixed }
}
