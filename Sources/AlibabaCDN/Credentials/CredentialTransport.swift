import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// How credentials sources talk HTTP; tests may stand in for it.
package protocol CredentialTransport: Sendable {
    /// Sends `request`; throws a reason a user can act on ("timed out after 1 s", "could not connect") when no
    /// answer arrived.
    func send(_ request: CredentialHTTPRequest) async throws(CredentialError) -> CredentialHTTPResponse
}
