import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AlibabaCDN

@Suite("Credentials: the default chain")
struct CredentialChainTests {
    let home = TemporaryDirectory()

    func writeConfig(_ json: String) {
        try? FileManager.default.createDirectory(atPath: home.file(".aliyun"), withIntermediateDirectories: true)
        home.write(".aliyun/config.json", text: json)
    }

    func chain(_ environment: [String: String], transport: FakeTransport = FakeTransport()) -> CredentialChain {
        CredentialChain(environment: environment, homeDirectory: home.path, transport: transport)
    }

    func resolve(_ environment: [String: String], profile: String? = nil) async throws -> Credentials {
        try await chain(environment).resolve(profile: profile).credentials()
    }

    func failure(_ environment: [String: String], profile: String? = nil) async -> CredentialError? {
        do {
            _ = try await chain(environment).resolve(profile: profile)
            return nil
        } catch {
            return error
        }
    }

    static let config = """
        {"current":"default","profiles":[
          {"name":"default","mode":"AK","access_key_id":"LTAIdefault000","access_key_secret":" defsecret\\n"},
          {"name":"sts","mode":"StsToken","access_key_id":"STS.abc12345","access_key_secret":"stssecret","sts_token":"tok"},
          {"name":"role","mode":"RamRoleArn","access_key_id":"x","access_key_secret":"y","ram_role_arn":"acs:ram::1:role/r"},
          {"name":"sso","mode":"CloudSSO"},
          {"name":"broken","mode":"AK","access_key_id":"only-id"},
          {"name":"inferred","access_key_id":"LTAIinferred","access_key_secret":"s","sts_token":"t"}
        ]}
        """

    @Test("ALIBABA_CLOUD_* comes first, with an optional token")
    func environmentFirst() async throws {
        writeConfig(Self.config)
        let credentials = try await resolve([
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "envsecret",
            "ALIBABA_CLOUD_SECURITY_TOKEN": "envtoken", "ALICLOUD_ACCESS_KEY": "other", "ALICLOUD_SECRET_KEY": "other",
        ])
        #expect(credentials.accessKeyID == "LTAIenv" && credentials.accessKeySecret == "envsecret")
        #expect(credentials.securityToken == "envtoken")
    }

    @Test("ALICLOUD_* is the fallback")
    func fallback() async throws {
        let credentials = try await resolve([
            "ALICLOUD_ACCESS_KEY": "LTAIfallback", "ALICLOUD_SECRET_KEY": "fsecret", "ALICLOUD_SECURITY_TOKEN": "ftok",
        ])
        #expect(credentials.accessKeyID == "LTAIfallback" && credentials.securityToken == "ftok")
    }

    @Test("half-set environment variables are named in the error when nothing else works")
    func incomplete() async {
        let error = await failure(["ALIBABA_CLOUD_ACCESS_KEY_ID": "x", "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"])
        #expect(
            "\(error.map { "\($0)" } ?? "")".contains(
                "environment: ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"))
    }

    @Test("the config file's current profile, with secrets trimmed of pasted white space")
    func currentProfile() async throws {
        writeConfig(Self.config)
        let credentials = try await resolve([:])
        #expect(credentials.accessKeyID == "LTAIdefault000" && credentials.accessKeySecret == "defsecret")
        #expect(credentials.securityToken == nil)
    }

    @Test("--profile and ALIBABA_CLOUD_PROFILE select a profile; StsToken brings its token")
    func profileSelection() async throws {
        writeConfig(Self.config)
        #expect(try await resolve([:], profile: "sts").securityToken == "tok")
        #expect(try await resolve(["ALIBABA_CLOUD_PROFILE": "sts"]).accessKeyID == "STS.abc12345")
        #expect(try await resolve([:], profile: "inferred").securityToken == "t")
        // --profile wins over the environment's keys.
        #expect(
            try await resolve(
                ["ALIBABA_CLOUD_ACCESS_KEY_ID": "env", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env"], profile: "sts"
            ).accessKeyID == "STS.abc12345")
    }

    @Test("unknown modes, unknown and incomplete profiles are clear errors")
    func badProfiles() async {
        writeConfig(Self.config)
        #expect(await failure([:], profile: "sso") == .unsupportedMode(profile: "sso", mode: "CloudSSO"))
        #expect(
            await failure([:], profile: "broken") == .incompleteProfile(profile: "broken", missing: "access_key_secret")
        )
        #expect("\(await failure([:], profile: "nope").map { "\($0)" } ?? "")".contains("default, sts, role, sso"))
    }

    @Test("nothing configured: one error naming every source in order and why it gave nothing")
    func nothingWorks() async {
        let error = await failure([:])
        guard case .noneWorked(let attempts) = error else {
            Issue.record("expected noneWorked, got \(String(describing: error))")
            return
        }
        #expect(attempts.count == 5)
        #expect(attempts[0].hasPrefix("environment: ALIBABA_CLOUD_ACCESS_KEY_ID"))
        #expect(attempts[1].hasPrefix("OIDC: "))
        #expect(attempts[2] == "config file: \(home.file(".aliyun/config.json")) not found")
        #expect(attempts[3] == "ECS metadata: not reachable (connection refused)")
        #expect(attempts[4] == "credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI not set")
        writeConfig("{not json")
        #expect("\(await failure([:]).map { "\($0)" } ?? "")".contains("not a valid aliyun CLI config"))
    }

    @Test("OIDC settings half given, or a token file that cannot be read, say so")
    func oidcErrors() async {
        let partial = await failure(["ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r"])
        #expect("\(partial.map { "\($0)" } ?? "")".contains("OIDC: ALIBABA_CLOUD_OIDC_PROVIDER_ARN and"))
        let unreadable = await failure([
            "ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1:oidc-provider/p",
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE": home.file("missing-token"),
        ])
        #expect("\(unreadable.map { "\($0)" } ?? "")".contains("token file \(home.file("missing-token")) not readable"))
    }

    @Test("ECS: IMDSv1 only when no IMDSv2 token is given, never when disabled; a stand-in must be loopback")
    func imdsFallback() async throws {
        let requests = Mutex<[CredentialHTTPRequest]>([])
        let noTokens = FakeTransport { request throws(CredentialError) in
            requests.withLock { $0.append(request) }
            if request.method == "PUT" { return CredentialHTTPResponse(status: 403, body: []) }
            if request.url.hasSuffix("/security-credentials/") {
                return CredentialHTTPResponse(status: 200, body: Array("role-a\n".utf8))
            }
            return CredentialHTTPResponse(
                status: 200,
                body: Array(
                    #"{"Code":"Success","AccessKeyId":"STS.k","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}"#
                        .utf8))
        }
        let credentials = try await ECSRoleSource(roleName: nil, imdsV1Disabled: false, transport: noTokens).fetch()
        #expect(credentials.accessKeyID == "STS.k" && credentials.origin == "ECS instance role 'role-a'")
        #expect(requests.withLock { $0.map(\.method) } == ["PUT", "GET", "GET"])
        #expect(
            requests.withLock { $0.allSatisfy { $0.headers["X-aliyun-ecs-metadata-token"] == nil && $0.timeout == 1 } })
        await #expect(
            throws: CredentialError.sourceFailed(
                source: "ECS metadata", reason: "no IMDSv2 token (HTTP 403) and IMDSv1 is disabled")
        ) {
            try await ECSRoleSource(roleName: nil, imdsV1Disabled: true, transport: noTokens).fetch()
        }
        let elsewhere = await failure(["CDN_REFRESH_ECS_METADATA_URL": "http://metadata.example.com"])
        #expect("\(elsewhere.map { "\($0)" } ?? "")".contains("must be a loopback URL"))
    }

    @Test("STS refusals come with a hint: NoPermission, an expired OIDC token")
    func stsHints() async {
        writeConfig(Self.config)
        let refusing = FakeTransport { _ throws(CredentialError) in
            CredentialHTTPResponse(status: 403, body: Array(#"{"Code":"NoPermission","Message":"no"}"#.utf8))
        }
        do {
            _ = try await chain([:], transport: refusing).resolve(profile: "role")
            Issue.record("expected a refusal")
        } catch {
            #expect(
                "\(error)".contains("STS refused (NoPermission) — the AccessKey's RAM user may not assume this role"))
        }
        #expect(STSCall.hint(for: "AuthenticationFail.OIDCToken.Expired")?.contains("token file has expired") == true)
    }

    @Test("descriptions never contain the secret or the token")
    func redaction() {
        let credentials = Credentials(
            accessKeyID: "LTAI5tSecretId99", accessKeySecret: "TopSecretValue", securityToken: "TokenValue",
            origin: "test")
        for text in [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
        ] {
            #expect(!text.contains("TopSecretValue"))
            #expect(!text.contains("TokenValue"))
            #expect(!text.contains("LTAI5tSecretId99"))
        }
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("TopSecretValue") && !dumped.contains("TokenValue"))
        #expect(credentials.maskedAccessKeyID == "LTAI**********99")
    }
}
