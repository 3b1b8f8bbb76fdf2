import Foundation

extension CredentialChain {
    /// The provider of a config-file profile.
    ///
    /// The profile is `requested` (`--profile`), else `ALIBABA_CLOUD_PROFILE`, else the file's `current`; `nil`
    /// when there is no file (or no profile in it) and none was asked for by name.
    ///
    /// Modes: `AK`, `StsToken` (as they are); `RamRoleArn` (STS `AssumeRole` with the profile's key);
    /// `EcsRamRole` (the instance's role, `ram_role_name` or discovered); `OIDC`; `CredentialsURI`.
    func profileProvider(named requested: String?, explicit: Bool) throws(CredentialError) -> (any CredentialsProvider)?
    {
        let path = configPath
        let byName = requested ?? value("ALIBABA_CLOUD_PROFILE")
        guard let config = try CLIConfigFile.read(path) else {
            if explicit, let byName { throw .unknownProfile(name: byName, path: path, available: []) }
            return nil
        }
        let profiles = config.profiles ?? []
        let name = byName ?? config.current ?? "default"
        guard let profile = profiles.first(where: { $0.name == name }) else {
            if byName == nil && profiles.isEmpty { return nil }
            throw .unknownProfile(name: name, path: path, available: profiles.map(\.name))
        }
        let origin = "profile '\(name)' in \(path)"
        func required(_ field: String?, _ key: String) throws(CredentialError) -> String {
            guard let text = field?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw .incompleteProfile(profile: name, missing: key)
            }
            return text
        }
        func accessKey(token: String? = nil) throws(CredentialError) -> Credentials {
            Credentials(
                accessKeyID: try required(profile.accessKeyID, "access_key_id"),
                accessKeySecret: try required(profile.accessKeySecret, "access_key_secret"), securityToken: token,
                origin: origin)
        }
        switch profile.effectiveMode {
        case "AK":
            return StaticCredentialsProvider(try accessKey())
        case "StsToken":
            return StaticCredentialsProvider(try accessKey(token: try required(profile.stsToken, "sts_token")))
        case "RamRoleArn":
            return RefreshingCredentialsProvider(
                AssumeRoleSource(
                    base: try accessKey(), roleARN: try required(profile.ramRoleARN, "ram_role_arn"),
                    sessionName: profile.ramSessionName.flatMap { $0.isEmpty ? nil : $0 } ?? defaultSessionName,
                    durationSeconds: profile.expiredSeconds ?? 3600, stsEndpoint: stsEndpoint, transport: transport,
                    now: now), now: now)
        case "EcsRamRole":
            return RefreshingCredentialsProvider(
                ecsSource(roleName: profile.ramRoleName.flatMap { $0.isEmpty ? nil : $0 }), now: now)
        case "OIDC":
            return RefreshingCredentialsProvider(
                OIDCRoleSource(
                    roleARN: try required(profile.ramRoleARN, "ram_role_arn"),
                    providerARN: try required(profile.oidcProviderARN, "oidc_provider_arn"),
                    tokenFile: try required(profile.oidcTokenFile, "oidc_token_file"),
                    sessionName: profile.ramSessionName.flatMap { $0.isEmpty ? nil : $0 } ?? defaultSessionName,
                    durationSeconds: profile.expiredSeconds ?? 3600, origin: "profile '\(name)'",
                    stsEndpoint: stsEndpoint, transport: transport, now: now), now: now)
        case "CredentialsURI":
            return RefreshingCredentialsProvider(
                CredentialsURISource(
                    uri: try required(profile.credentialsURI, "credentials_uri"), transport: transport),
                now: now)
        case let mode:
            throw .unsupportedMode(profile: name, mode: mode)
        }
    }
}
