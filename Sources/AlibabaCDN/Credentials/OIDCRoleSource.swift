import Foundation

/// A RAM role assumed through STS `AssumeRoleWithOIDC` with the token of an OIDC provider.
///
/// On ACK this is the pod's projected service-account token (RRSA). The token file is read on every fetch: the
/// kubelet renews it.
package struct OIDCRoleSource: TemporaryCredentialsSource {
    package var roleARN: String
    package var providerARN: String
    package var tokenFile: String
    package var sessionName: String
    package var durationSeconds: Int
    /// Where the settings came from (`environment`, `profile 'k8s'`).
    package var origin: String
    var sts: STSCall

    package init(
        roleARN: String, providerARN: String, tokenFile: String, sessionName: String, durationSeconds: Int = 3600,
        origin: String, stsEndpoint: String, transport: any CredentialTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.roleARN = roleARN
        self.providerARN = providerARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.origin = origin
        self.sts = STSCall(endpoint: stsEndpoint, transport: transport, now: now)
    }

    package var name: String { "OIDC role \(roleARN) (\(origin))" }

    package func fetch() async throws(CredentialError) -> Credentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        } catch {
            throw .sourceFailed(source: name, reason: "token file \(tokenFile) not readable")
        }
        guard !token.isEmpty else { throw .sourceFailed(source: name, reason: "token file \(tokenFile) is empty") }
        return try await sts.assumeRoleWithOIDC(
            roleARN: roleARN, providerARN: providerARN, token: token, sessionName: sessionName,
            durationSeconds: durationSeconds, source: name)
    }
}
