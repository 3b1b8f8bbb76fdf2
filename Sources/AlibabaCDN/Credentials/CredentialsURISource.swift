import Foundation

/// Credentials served by a local URL (`ALIBABA_CLOUD_CREDENTIALS_URI`, profile mode `CredentialsURI`): a sidecar
/// or agent that answers `{"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}`.
package struct CredentialsURISource: TemporaryCredentialsSource {
    package var uri: String
    package var timeout: Double
    var transport: any CredentialTransport

    package init(uri: String, timeout: Double = 5, transport: any CredentialTransport) {
        self.uri = uri
        self.timeout = timeout
        self.transport = transport
    }

    package var name: String { "credentials URI" }

    package func fetch() async throws(CredentialError) -> Credentials {
        let answer: CredentialHTTPResponse
        do {
            answer = try await transport.send(CredentialHTTPRequest(method: "GET", url: uri, timeout: timeout))
        } catch {
            throw .sourceFailed(source: name, reason: "not reachable (\(STSCall.reason(of: error)))")
        }
        guard answer.status == 200 else {
            throw .sourceFailed(source: name, reason: "HTTP \(answer.status)")
        }
        guard let keys = try? JSONDecoder().decode(TemporaryKeys.self, from: Data(answer.body)),
            keys.code == nil || keys.code == "Success", let credentials = keys.credentials(origin: name)
        else {
            throw .sourceFailed(source: name, reason: "the answer holds no usable credentials")
        }
        return credentials
    }
}
