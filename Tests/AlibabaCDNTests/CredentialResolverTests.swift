import Foundation
import TestSupport
import Testing

@testable import AlibabaCDN

@Suite("Credentials")
struct CredentialResolverTests {
    let home = TemporaryDirectory()

    func writeConfig(_ json: String) {
        try? FileManager.default.createDirectory(atPath: home.file(".aliyun"), withIntermediateDirectories: true)
        home.write(".aliyun/config.json", text: json)
    }

    func resolver(_ environment: [String: String]) -> CredentialResolver {
        CredentialResolver(environment: environment, homeDirectory: home.path)
    }

    static let config = """
        {"current":"default","profiles":[
          {"name":"default","mode":"AK","access_key_id":"LTAIdefault000","access_key_secret":" defsecret\\n"},
          {"name":"sts","mode":"StsToken","access_key_id":"STS.abc12345","access_key_secret":"stssecret","sts_token":"tok"},
          {"name":"role","mode":"RamRoleArn","access_key_id":"x","access_key_secret":"y","ram_role_arn":"acs:ram::1:role/r"},
          {"name":"broken","mode":"AK","access_key_id":"only-id"},
          {"name":"inferred","access_key_id":"LTAIinferred","access_key_secret":"s","sts_token":"t"}
        ]}
        """

    @Test("ALIBABA_CLOUD_* comes first, with an optional token")
    func environmentFirst() throws {
        writeConfig(Self.config)
        let credentials = try resolver([
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "envsecret",
            "ALIBABA_CLOUD_SECURITY_TOKEN": "envtoken", "ALICLOUD_ACCESS_KEY": "other", "ALICLOUD_SECRET_KEY": "other",
        ]).resolve()
        #expect(credentials.accessKeyID == "LTAIenv" && credentials.accessKeySecret == "envsecret")
        #expect(credentials.securityToken == "envtoken")
    }

    @Test("ALICLOUD_* is the fallback")
    func fallback() throws {
        let credentials = try resolver([
            "ALICLOUD_ACCESS_KEY": "LTAIfallback", "ALICLOUD_SECRET_KEY": "fsecret", "ALICLOUD_SECURITY_TOKEN": "ftok",
        ]).resolve()
        #expect(credentials.accessKeyID == "LTAIfallback" && credentials.securityToken == "ftok")
    }

    @Test("half-set environment variables are an error naming the missing one")
    func incomplete() {
        #expect(
            throws: CredentialError.incompleteEnvironment(
                present: "ALIBABA_CLOUD_ACCESS_KEY_ID", missing: "ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        ) {
            try resolver(["ALIBABA_CLOUD_ACCESS_KEY_ID": "x"]).resolve()
        }
    }

    @Test("the config file's current profile, with secrets trimmed of pasted white space")
    func currentProfile() throws {
        writeConfig(Self.config)
        let credentials = try resolver([:]).resolve()
        #expect(credentials.accessKeyID == "LTAIdefault000" && credentials.accessKeySecret == "defsecret")
        #expect(credentials.securityToken == nil)
    }

    @Test("--profile and ALIBABA_CLOUD_PROFILE select a profile; StsToken brings its token")
    func profileSelection() throws {
        writeConfig(Self.config)
        #expect(try resolver([:]).resolve(profile: "sts").securityToken == "tok")
        #expect(try resolver(["ALIBABA_CLOUD_PROFILE": "sts"]).resolve().accessKeyID == "STS.abc12345")
        #expect(try resolver([:]).resolve(profile: "inferred").securityToken == "t")
        // --profile wins over the environment's keys.
        #expect(
            try resolver(["ALIBABA_CLOUD_ACCESS_KEY_ID": "env", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env"])
                .resolve(profile: "sts").accessKeyID == "STS.abc12345")
    }

    @Test("other modes, unknown and incomplete profiles are clear errors")
    func badProfiles() {
        writeConfig(Self.config)
        #expect(throws: CredentialError.unsupportedMode(profile: "role", mode: "RamRoleArn")) {
            try resolver([:]).resolve(profile: "role")
        }
        #expect(throws: CredentialError.incompleteProfile(profile: "broken", missing: "access_key_secret")) {
            try resolver([:]).resolve(profile: "broken")
        }
        do {
            _ = try resolver([:]).resolve(profile: "nope")
            Issue.record("expected unknownProfile")
        } catch {
            #expect("\(error)".contains("default, sts, role, broken, inferred"))
        }
    }

    @Test("no environment and no config file: not found; a garbled file: unreadable")
    func missingAndGarbled() {
        #expect(throws: CredentialError.notFound(configPath: home.file(".aliyun/config.json"))) {
            try resolver([:]).resolve()
        }
        writeConfig("{not json")
        do {
            _ = try resolver([:]).resolve()
            Issue.record("expected unreadableConfig")
        } catch {
            guard case .unreadableConfig = error else {
                Issue.record("expected unreadableConfig, got \(error)")
                return
            }
        }
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
