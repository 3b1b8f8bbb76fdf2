import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AlibabaCDN

/// A transport with no network behind it: every exchange gets `answer` (by default, a refused connection).
struct FakeTransport: CredentialTransport {
    var answer: @Sendable (CredentialHTTPRequest) throws(CredentialError) -> CredentialHTTPResponse = {
        request throws(CredentialError) in
        throw CredentialError.sourceFailed(source: request.url, reason: "connection refused")
    }

    func send(_ request: CredentialHTTPRequest) async throws(CredentialError) -> CredentialHTTPResponse {
        try answer(request)
    }
}
