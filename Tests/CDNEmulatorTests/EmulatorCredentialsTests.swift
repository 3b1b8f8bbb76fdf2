import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: STS, the ECS metadata service and a credentials URI")
struct EmulatorCredentialsTests {
    static let assumeRole = APIRequest(
        action: "AssumeRole", version: "2015-04-01",
        form: ["RoleArn": "acs:ram::1:role/cdn", "RoleSessionName": "test", "DurationSeconds": "900"])

    func keys(_ answer: Answer) -> (id: String, secret: String, token: String, expiration: String)? {
        guard let credentials = answer.json["Credentials"] as? [String: Any] ?? Optional(answer.json),
            let id = credentials["AccessKeyId"] as? String, let secret = credentials["AccessKeySecret"] as? String,
            let token = credentials["SecurityToken"] as? String, let expiration = credentials["Expiration"] as? String
        else { return nil }
        return (id, secret, token, expiration)
    }

    @Test("AssumeRole checks the V1 signature; its credentials work with their token until they expire")
    func assumeRoleLifecycle() throws {
        var configuration = EmulatorConfiguration()
        configuration.stsTokenSeconds = 900
        var harness = Harness(configuration)
        let issued = try #require(keys(harness.call(Self.assumeRole)))
        #expect(
            issued.id.hasPrefix("STS.")
                && issued.expiration == APITimestamp.format(harness.clock.now().addingTimeInterval(900)))

        var wrong = harness
        wrong.signer.secret = "wrong"
        #expect(wrong.call(Self.assumeRole).code == "SignatureDoesNotMatch")

        harness.signer.accessKeyID = issued.id
        harness.signer.secret = issued.secret
        #expect(harness.call(.describeRefreshQuota()).code == "MissingSecurityToken")
        harness.signer.token = "CAIS-not-it"
        #expect(harness.call(.describeRefreshQuota()).code == "InvalidSecurityToken.MismatchWithAccessKey")
        harness.signer.token = issued.token
        #expect(harness.call(.describeRefreshQuota()).status == 200)
        harness.clock.advance(by: 901)
        let expired = harness.call(.describeRefreshQuota())
        #expect(expired.code == "InvalidSecurityToken.Expired")
        #expect(APIErrorBody(code: expired.code ?? "", message: "").classification(httpStatus: 400) == .authentication)
    }

    @Test("AssumeRoleWithOIDC needs no signature, only a token (the configured one, when set)")
    func assumeRoleWithOIDC() {
        var configuration = EmulatorConfiguration()
        configuration.oidcToken = "the-token"
        let harness = Harness(configuration)
        func call(token: String) -> Answer {
            let query = AlibabaPercentEncoding.formEncode([
                ("Action", "AssumeRoleWithOIDC"), ("Format", "JSON"), ("Version", "2015-04-01"),
            ])
            let body = AlibabaPercentEncoding.formEncode([
                ("RoleArn", "acs:ram::1:role/cdn"), ("OIDCProviderArn", "acs:ram::1:oidc-provider/p"),
                ("OIDCToken", token), ("RoleSessionName", "pod"),
            ])
            return Answer(
                harness.service.handle(
                    EmulatorRequest(
                        method: "POST", path: "/", query: query,
                        headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))))
        }
        #expect(keys(call(token: "the-token")) != nil)
        #expect(call(token: "another").code == "AuthenticationFail.OIDCToken.Invalid")
        #expect(harness.service.statistics().calls["AssumeRoleWithOIDC"] == 2)
    }

    @Test("the metadata service wants an IMDSv2 token, names its role, and answers the role's credentials")
    func metadataService() throws {
        let harness = Harness()
        func request(_ method: String, _ path: String, token: String? = nil) -> Answer {
            var headers: [(name: String, value: String)] = [("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")]
            if let token { headers.append(("X-aliyun-ecs-metadata-token", token)) }
            return Answer(
                harness.service.handle(
                    EmulatorRequest(method: method, path: path, query: "", headers: headers, body: [])))
        }
        let path = "/latest/meta-data/ram/security-credentials/"
        #expect(request("GET", path).status == 401)
        let tokenReply = harness.service.handle(
            EmulatorRequest(method: "PUT", path: "/latest/api/token", query: "", headers: [], body: []))
        guard case .respond(let reply) = tokenReply.action else { throw CancellationError() }
        let token = String(decoding: reply.body, as: UTF8.self)
        #expect(request("GET", path, token: "forged").status == 401)
        guard
            case .respond(let role) = harness.service.handle(
                EmulatorRequest(
                    method: "GET", path: path, query: "", headers: [("X-aliyun-ecs-metadata-token", token)], body: [])
            ).action
        else { throw CancellationError() }
        #expect(String(decoding: role.body, as: UTF8.self) == "cdn-refresh-sandbox-role")
        let credentials = request("GET", path + "cdn-refresh-sandbox-role", token: token)
        #expect(credentials.json["Code"] as? String == "Success" && keys(credentials) != nil)
        #expect(request("GET", path + "other-role", token: token).status == 404)
    }
}
