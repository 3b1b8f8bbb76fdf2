import Foundation

/// A RAM role assumed through STS `AssumeRole` with an AccessKey (profile mode `RamRoleArn`).
public struct AssumeRoleSource: TemporaryCredentialsSource {
    public var base: Credentials
    public var roleARN: String
    public var sessionName: String
    public var durationSeconds: Int
    var sts: STSCall

    public init(
        base: Credentials, roleARN: String, sessionName: String, durationSeconds: Int, stsEndpoint: String,
        transport: any CredentialTransport, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.sts = STSCall(endpoint: stsEndpoint, transport: transport, now: now)
    }

    public var name: String { "role \(roleARN) assumed with \(base.origin)" }

    public func fetch() async throws(CredentialError) -> Credentials {
        try await sts.assumeRole(
            as: base, roleARN: roleARN, sessionName: sessionName, durationSeconds: durationSeconds, source: name)
    }
}
