import Foundation

/// A RAM role assumed through STS `AssumeRole` with an AccessKey (profile mode `RamRoleArn`).
package struct AssumeRoleSource: TemporaryCredentialsSource {
    package var base: Credentials
    package var roleARN: String
    package var sessionName: String
    package var durationSeconds: Int
    var sts: STSCall

    package init(
        base: Credentials, roleARN: String, sessionName: String, durationSeconds: Int, stsEndpoint: String,
        transport: any CredentialTransport, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.sts = STSCall(endpoint: stsEndpoint, transport: transport, now: now)
    }

    package var name: String { "role \(roleARN) assumed with \(base.origin)" }

    package func fetch() async throws(CredentialError) -> Credentials {
        try await sts.assumeRole(
            as: base, roleARN: roleARN, sessionName: sessionName, durationSeconds: durationSeconds, source: name)
    }
}
