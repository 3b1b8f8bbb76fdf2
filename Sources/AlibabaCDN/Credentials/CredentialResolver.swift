import Foundation

/// Finds credentials the way Alibaba's tools do, never from command-line arguments.
///
/// Order: `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `_SECURITY_TOKEN`; then `ALICLOUD_ACCESS_KEY` /
/// `ALICLOUD_SECRET_KEY` / `ALICLOUD_SECURITY_TOKEN`; then `~/.aliyun/config.json` (or
/// `ALIBABA_CLOUD_CONFIG_FILE`), profile from `--profile`, else `ALIBABA_CLOUD_PROFILE`, else the file's
/// `current`. Profiles of mode `AK` and `StsToken` are supported; any other mode is a clear error.
/// Secrets are trimmed of surrounding white space (a common paste error).
public struct CredentialResolver: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    public init(environment: [String: String], homeDirectory: String) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// A resolver over this process's environment and home directory.
    public static var system: CredentialResolver {
        CredentialResolver(
            environment: ProcessInfo.processInfo.environment,
            homeDirectory: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory())
    }

    /// The config file path: `ALIBABA_CLOUD_CONFIG_FILE`, else `~/.aliyun/config.json`.
    public var configPath: String {
        value("ALIBABA_CLOUD_CONFIG_FILE") ?? "\(homeDirectory)/.aliyun/config.json"
    }

    /// Resolves credentials; `profile` is `--profile`, which selects a profile of the config file.
    public func resolve(profile: String? = nil) throws(CredentialError) -> Credentials {
        if profile == nil {
            if let found = try fromEnvironment(
                id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                token: "ALIBABA_CLOUD_SECURITY_TOKEN")
            {
                return found
            }
            if let found = try fromEnvironment(
                id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN")
            {
                return found
            }
        }
        return try fromConfigFile(profile: profile ?? value("ALIBABA_CLOUD_PROFILE"))
    }

    private func fromEnvironment(id: String, secret: String, token: String) throws(CredentialError) -> Credentials? {
        let keyID = value(id)
        let keySecret = value(secret)
        switch (keyID, keySecret) {
        case (nil, nil):
            return nil
        case (let keyID?, let keySecret?):
            return Credentials(
                accessKeyID: keyID, accessKeySecret: keySecret, securityToken: value(token),
                origin: "environment (\(id))")
        case (nil, _):
            throw .incompleteEnvironment(present: secret, missing: id)
        case (_, nil):
            throw .incompleteEnvironment(present: id, missing: secret)
        }
    }

    private struct ConfigFile: Decodable {
        var current: String?
        var profiles: [Profile]?
    }

    private struct Profile: Decodable {
        var name: String
        var mode: String?
        var accessKeyID: String?
        var accessKeySecret: String?
        var stsToken: String?

        enum CodingKeys: String, CodingKey {
            case name
            case mode
            case accessKeyID = "access_key_id"
            case accessKeySecret = "access_key_secret"
            case stsToken = "sts_token"
        }
    }

    private func fromConfigFile(profile requested: String?) throws(CredentialError) -> Credentials {
        let path = configPath
        guard FileManager.default.fileExists(atPath: path) else {
            if let requested {
                throw .unknownProfile(name: requested, path: path, available: [])
            }
            throw .notFound(configPath: path)
        }
        let config: ConfigFile
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            config = try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch {
            throw .unreadableConfig(path: path, reason: Self.reason(error))
        }
        let profiles = config.profiles ?? []
        let name = requested ?? config.current ?? "default"
        guard let profile = profiles.first(where: { $0.name == name }) else {
            if requested == nil && profiles.isEmpty { throw .notFound(configPath: path) }
            throw .unknownProfile(name: name, path: path, available: profiles.map(\.name))
        }
        let mode = profile.mode.flatMap { $0.isEmpty ? nil : $0 } ?? (profile.stsToken.map { _ in "StsToken" } ?? "AK")
        guard mode == "AK" || mode == "StsToken" else {
            throw .unsupportedMode(profile: name, mode: mode)
        }
        guard let keyID = Self.trimmed(profile.accessKeyID) else {
            throw .incompleteProfile(profile: name, missing: "access_key_id")
        }
        guard let keySecret = Self.trimmed(profile.accessKeySecret) else {
            throw .incompleteProfile(profile: name, missing: "access_key_secret")
        }
        var token: String?
        if mode == "StsToken" {
            guard let sts = Self.trimmed(profile.stsToken) else {
                throw .incompleteProfile(profile: name, missing: "sts_token")
            }
            token = sts
        }
        return Credentials(
            accessKeyID: keyID, accessKeySecret: keySecret, securityToken: token,
            origin: "profile '\(name)' in \(path)")
    }

    private func value(_ name: String) -> String? {
        Self.trimmed(environment[name])
    }

    private static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func reason(_ error: any Error) -> String {
        if error is DecodingError { return "it is not a valid aliyun CLI config (JSON with a 'profiles' list)" }
        return (error as NSError).localizedDescription
    }
}
