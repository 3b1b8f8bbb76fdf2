import Foundation
import Logging

/// Finds credentials the way Alibaba's official credential libraries do, never from command-line arguments.
///
/// The default chain, first that works: (1) `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `_SECURITY_TOKEN`, then the
/// `ALICLOUD_ACCESS_KEY` / `ALICLOUD_SECRET_KEY` / `ALICLOUD_SECURITY_TOKEN` fallback; (2) OIDC role assumption
/// from `ALIBABA_CLOUD_ROLE_ARN` + `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` + `ALIBABA_CLOUD_OIDC_TOKEN_FILE` (ACK
/// RRSA); (3) the `aliyun` CLI's config file (`ALIBABA_CLOUD_CONFIG_FILE`, else `~/.aliyun/config.json`), profile
/// `ALIBABA_CLOUD_PROFILE`, else the file's `current`; (4) the ECS instance's RAM role (unless
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`); (5) `ALIBABA_CLOUD_CREDENTIALS_URI`. With `--profile`, only that
/// profile. A source that is configured but fails does not stop the search; when nothing works, the error lists
/// every source and why. Temporary credentials come wrapped in a ``RefreshingCredentialsProvider``.
package struct CredentialChain: Sendable {
    package var environment: [String: String]
    package var homeDirectory: String
    package var transport: any CredentialTransport
    package var stsEndpoint: String
    package var now: @Sendable () -> Date
    package var logger: Logger

    package static let defaultSTSEndpoint = STSCall.defaultEndpoint

    package init(
        environment: [String: String], homeDirectory: String, transport: any CredentialTransport,
        stsEndpoint: String = CredentialChain.defaultSTSEndpoint, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "cdn-refresh.credentials")
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.transport = transport
        self.stsEndpoint = stsEndpoint
        self.now = now
        self.logger = logger
    }

    /// The config file path: `ALIBABA_CLOUD_CONFIG_FILE`, else `~/.aliyun/config.json`.
    package var configPath: String {
        value("ALIBABA_CLOUD_CONFIG_FILE") ?? "\(homeDirectory)/.aliyun/config.json"
    }

    /// The metadata service: `CDN_REFRESH_ECS_METADATA_URL` (a stand-in for tests), else `http://100.100.100.200`.
    package var metadataURL: String {
        value("CDN_REFRESH_ECS_METADATA_URL") ?? ECSRoleSource.defaultMetadataURL
    }

    /// Finds a source that gives credentials now: `profile` (`--profile`) alone, or the default chain.
    package func resolve(profile: String? = nil) async throws(CredentialError) -> any CredentialsProvider {
        if let profile {
            guard let provider = try profileProvider(named: profile, explicit: true) else {
                throw .notFound(configPath: configPath)
            }
            return try await established(provider)
        }
        var attempts: [String] = []
        let steps: [(String, () throws(CredentialError) -> (any CredentialsProvider)?)] = [
            ("environment", environmentProvider), ("OIDC", oidcProvider),
            ("config file", { () throws(CredentialError) in try profileProvider(named: nil, explicit: false) }),
            ("ECS metadata", ecsProvider), ("credentials URI", uriProvider),
        ]
        for (label, step) in steps {
            do {
                guard let provider = try step() else {
                    attempts.append("\(label): \(notConfigured(label))")
                    continue
                }
                return try await established(provider)
            } catch {
                if case .sourceFailed = error {
                    attempts.append("\(error)")
                } else {
                    attempts.append("\(label): \(error)")
                }
                logger.debug("A credentials source gave nothing", metadata: ["credentials.source": "\(label)"])
            }
        }
        throw .noneWorked(attempts: attempts)
    }

    /// Asks a provider once, so that a source that cannot give credentials is passed over.
    private func established(_ provider: any CredentialsProvider) async throws(CredentialError)
        -> any CredentialsProvider
    {
        _ = try await provider.credentials()
        return provider
    }

    private func temporary(_ source: any TemporaryCredentialsSource) -> any CredentialsProvider {
        RefreshingCredentialsProvider(source, now: now)
    }

    // MARK: - Sources

    private func environmentProvider() throws(CredentialError) -> (any CredentialsProvider)? {
        for (id, secret, token) in [
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"),
            ("ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"),
        ] {
            switch (value(id), value(secret)) {
            case (nil, nil):
                continue
            case (let keyID?, let keySecret?):
                return StaticCredentialsProvider(
                    Credentials(
                        accessKeyID: keyID, accessKeySecret: keySecret, securityToken: value(token),
                        origin: "environment (\(id))"))
            case (nil, _):
                throw .incompleteEnvironment(present: secret, missing: id)
            case (_, nil):
                throw .incompleteEnvironment(present: id, missing: secret)
            }
        }
        return nil
    }

    private func oidcProvider() throws(CredentialError) -> (any CredentialsProvider)? {
        let names = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"]
        let values = names.map(value)
        if values.allSatisfy({ $0 == nil }) { return nil }
        guard let role = values[0], let provider = values[1], let tokenFile = values[2] else {
            let missing = zip(names, values).filter { $0.1 == nil }.map(\.0)
            throw .sourceFailed(source: "OIDC", reason: "\(missing.joined(separator: " and ")) not set")
        }
        return temporary(
            OIDCRoleSource(
                roleARN: role, providerARN: provider, tokenFile: tokenFile,
                sessionName: value("ALIBABA_CLOUD_ROLE_SESSION_NAME") ?? defaultSessionName, origin: "environment",
                stsEndpoint: stsEndpoint, transport: transport, now: now))
    }

    private func ecsProvider() throws(CredentialError) -> (any CredentialsProvider)? {
        if value("ALIBABA_CLOUD_ECS_METADATA_DISABLED")?.lowercased() == "true" {
            throw .sourceFailed(source: "ECS metadata", reason: "disabled (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)")
        }
        if let host = URLComponents(string: metadataURL)?.host,
            !(Endpoint.isLoopback(host) || metadataURL == ECSRoleSource.defaultMetadataURL)
        {
            throw .sourceFailed(
                source: "ECS metadata", reason: "CDN_REFRESH_ECS_METADATA_URL must be a loopback URL (a stand-in)")
        }
        return temporary(ecsSource(roleName: value("ALIBABA_CLOUD_ECS_METADATA")))
    }

    func ecsSource(roleName: String?) -> ECSRoleSource {
        ECSRoleSource(
            metadataURL: metadataURL, roleName: roleName, imdsV1Disabled: imdsV1Disabled, timeout: metadataTimeout,
            transport: transport)
    }

    /// 1 s for the real metadata service (a laptop has none, and must not wait for it); a stand-in on loopback
    /// (tests on a busy machine) gets 5 s.
    var metadataTimeout: Double {
        metadataURL == ECSRoleSource.defaultMetadataURL ? 1 : 5
    }

    private func uriProvider() throws(CredentialError) -> (any CredentialsProvider)? {
        guard let uri = value("ALIBABA_CLOUD_CREDENTIALS_URI") else { return nil }
        return temporary(CredentialsURISource(uri: uri, transport: transport))
    }

    /// What a source that is not set up says in the final error.
    private func notConfigured(_ label: String) -> String {
        switch label {
        case "environment": "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set"
        case "OIDC": "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set"
        case "config file": "\(configPath) not found"
        default: "ALIBABA_CLOUD_CREDENTIALS_URI not set"
        }
    }

    /// `ALIBABA_CLOUD_IMDSV1_DISABLED=true` (the official libraries' name) or `ALIBABA_CLOUD_IMDS_V1_DISABLED=true`.
    var imdsV1Disabled: Bool {
        ["ALIBABA_CLOUD_IMDSV1_DISABLED", "ALIBABA_CLOUD_IMDS_V1_DISABLED"].contains {
            value($0)?.lowercased() == "true"
        }
    }

    /// A session name STS accepts (`[\w.@-]`, 2–64 characters) that says who assumed the role.
    var defaultSessionName: String { "cdn-refresh-\(Int(now().timeIntervalSince1970))" }

    func value(_ name: String) -> String? {
        guard let text = environment[name] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
