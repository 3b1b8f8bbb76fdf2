import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

/// Keyless credentials end to end: the binary against the emulator standing in for STS, the ECS metadata service
/// and a credentials URI, with no AccessKey in the environment.
@Suite("credentials without keys on the host", .serialized)
struct CredentialSourceTests {
    let directory = TemporaryDirectory()

    /// An environment with no keys: a home of its own, the metadata service pointed at `emulator` (or disabled).
    func environment(_ emulator: RunningEmulator, metadata: Bool = true) -> [String: String] {
        var environment = ["HOME": directory.path]
        if metadata {
            environment["CDN_REFRESH_ECS_METADATA_URL"] = emulator.endpoint.absoluteString
        } else {
            environment["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
        }
        return environment
    }

    func oidcEnvironment(_ emulator: RunningEmulator) -> [String: String] {
        var environment = environment(emulator, metadata: false)
        environment["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::1234567890:role/cdn-refresh"
        environment["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::1234567890:oidc-provider/ack-rrsa"
        environment["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = directory.write("token", text: "eyJ-oidc-token-never-print\n")
        return environment
    }

    func writeConfig(_ profile: String) {
        try? FileManager.default.createDirectory(
            atPath: directory.file(".aliyun"), withIntermediateDirectories: true)
        directory.write(".aliyun/config.json", text: #"{"current":"p","profiles":[{"name":"p",\#(profile)}]}"#)
    }

    func quota(_ emulator: RunningEmulator, _ environment: [String: String]) async throws -> CommandResult {
        try await CommandRunner.run(
            [
                "quota", "--endpoint", emulator.endpoint.absoluteString, "--sts-endpoint",
                emulator.endpoint.absoluteString,
            ], environment: environment)
    }

    @Test(
        "each source gives credentials the CDN API accepts",
        arguments: ["RamRoleArn", "OIDC env", "OIDC profile", "EcsRamRole", "ECS discovered", "URI env", "URI profile"])
    func eachSource(_ source: String) async throws {
        let emulator = try await EndToEnd.emulator()
        let endpoint = emulator.endpoint.absoluteString
        var environment = environment(emulator, metadata: source.hasPrefix("Ecs") || source.hasPrefix("ECS"))
        switch source {
        case "RamRoleArn":
            writeConfig(
                #""mode":"RamRoleArn","access_key_id":"\#(EmulatorConfiguration.sandboxAccessKeyID)","access_key_secret":"\#(EmulatorConfiguration.sandboxAccessKeySecret)","ram_role_arn":"acs:ram::1:role/cdn","ram_session_name":"nightly","expired_seconds":900"#
            )
        case "OIDC env":
            environment = oidcEnvironment(emulator)
        case "OIDC profile":
            let token = directory.write("profile-token", text: "eyJ-profile-token")
            writeConfig(
                #""mode":"OIDC","ram_role_arn":"acs:ram::1:role/cdn","oidc_provider_arn":"acs:ram::1:oidc-provider/p","oidc_token_file":"\#(token)""#
            )
        case "EcsRamRole":
            writeConfig(#""mode":"EcsRamRole","ram_role_name":"cdn-refresh-sandbox-role""#)
        case "ECS discovered":
            break
        case "URI env":
            environment["ALIBABA_CLOUD_CREDENTIALS_URI"] = endpoint + EmulatorService.credentialsURIPath
        default:
            writeConfig(
                #""mode":"CredentialsURI","credentials_uri":"\#(endpoint + EmulatorService.credentialsURIPath)""#)
        }
        let result = try await quota(emulator, environment)
        await emulator.stop()
        #expect(result.status == 0, "\(source): \(result.stderr)")
        let calls = emulator.service.statistics().calls
        #expect(calls["DescribeRefreshQuota"] == 1)
        switch source {
        case "RamRoleArn": #expect(calls["AssumeRole"] == 1)
        case "OIDC env", "OIDC profile": #expect(calls["AssumeRoleWithOIDC"] == 1)
        case "EcsRamRole":
            #expect(calls["metadata token"] == 1 && calls["metadata credentials"] == 1 && calls["metadata role"] == nil)
        case "ECS discovered": #expect(calls["metadata role"] == 1 && calls["metadata credentials"] == 1)
        default: #expect(calls["CredentialsURI"] == 1)
        }
    }

    @Test("when nothing works, one message lists each source tried and why; exit 2")
    func nothingWorks() async throws {
        let emulator = try await EndToEnd.emulator { $0.ecsRoleName = nil }
        let result = try await quota(emulator, environment(emulator))
        await emulator.stop()
        #expect(result.status == 2)
        for line in [
            "- environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set",
            "- OIDC: ALIBABA_CLOUD_ROLE_ARN", "- config file: \(directory.file(".aliyun/config.json")) not found",
            "- ECS metadata: no role attached (404", "- credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI not set",
        ] {
            #expect(result.stderr.contains(line), "\(result.stderr)")
        }
    }

    @Test("an STS refusal names the source and gives a hint")
    func stsRefusal() async throws {
        let emulator = try await EndToEnd.emulator { $0.oidcToken = "the-real-token" }
        let result = try await quota(emulator, oidcEnvironment(emulator))
        await emulator.stop()
        #expect(result.status == 2)
        #expect(result.stderr.contains("OIDC role acs:ram::1234567890:role/cdn-refresh (environment): STS refused"))
        #expect(result.stderr.contains("AuthenticationFail.OIDCToken.Invalid"))
    }

    @Test("a token that expires in the middle of a run is renewed; nothing leaks anywhere")
    func expiringToken() async throws {
        // Tokens live 6 s (each renewed with a third of its life, 2 s, left: room for a busy machine); tasks complete
        // after 9 s, and --wait polls past more than one expiry.
        let emulator = try await EndToEnd.emulator {
            $0.stsTokenSeconds = 6
            $0.completeAfterSeconds = 9
        }
        let (path, urls) = EndToEnd.manifest(directory, count: 30)
        let report = directory.file("report.csv")
        let result = try await CommandRunner.run(
            [
                "run", path, "--endpoint", emulator.endpoint.absoluteString, "--sts-endpoint",
                emulator.endpoint.absoluteString, "--report", report, "--state-dir", directory.file("state"), "--wait",
                "--batch-size", "10", "--log-level", "trace",
            ], environment: oidcEnvironment(emulator))
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let statistics = emulator.service.statistics()
        #expect((statistics.calls["AssumeRoleWithOIDC"] ?? 0) >= 2)
        #expect(statistics.refused == 0)
        #expect(emulator.service.acceptedCounts() == Dictionary(uniqueKeysWithValues: urls.map { ($0, 1) }))
        let table = try EndToEnd.report(report)
        #expect(table.rows.allSatisfy { $0["task_status"] == "Complete" })

        let secrets = emulator.service.issuedSecrets() + ["eyJ-oidc-token-never-print"]
        #expect(secrets.count > 2)
        for text in [result.stdout, result.stderr] {
            for secret in secrets { #expect(!text.contains(secret)) }
        }
        for file in try FileManager.default.subpathsOfDirectory(atPath: directory.path) where file != "token" {
            let data = FileManager.default.contents(atPath: directory.file(file)) ?? Data()
            for secret in secrets { #expect(data.range(of: Data(secret.utf8)) == nil, "\(file)") }
        }
    }
}
