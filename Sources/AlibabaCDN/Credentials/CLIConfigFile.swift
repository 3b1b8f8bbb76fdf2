import Foundation

/// `~/.aliyun/config.json`, as the `aliyun` CLI writes it: a `current` profile name and a list of profiles.
struct CLIConfigFile: Decodable {
    var current: String?
    var profiles: [Profile]?

    struct Profile: Decodable {
        var name: String
        var mode: String?
        var accessKeyID: String?
        var accessKeySecret: String?
        var stsToken: String?
        var ramRoleARN: String?
        var ramSessionName: String?
        var expiredSeconds: Int?
        var ramRoleName: String?
        var oidcProviderARN: String?
        var oidcTokenFile: String?
        var credentialsURI: String?

        enum CodingKeys: String, CodingKey {
            case name, mode
            case accessKeyID = "access_key_id"
            case accessKeySecret = "access_key_secret"
            case stsToken = "sts_token"
            case ramRoleARN = "ram_role_arn"
            case ramSessionName = "ram_session_name"
            case expiredSeconds = "expired_seconds"
            case ramRoleName = "ram_role_name"
            case oidcProviderARN = "oidc_provider_arn"
            case oidcTokenFile = "oidc_token_file"
            case credentialsURI = "credentials_uri"
        }

        /// The mode, inferred as the CLI does when the file leaves it empty.
        var effectiveMode: String {
            if let mode, !mode.isEmpty { return mode }
            if stsToken?.isEmpty == false { return "StsToken" }
            if ramRoleARN?.isEmpty == false { return "RamRoleArn" }
            return "AK"
        }
    }

    /// Reads the file at `path`; `nil` when there is none.
    static func read(_ path: String) throws(CredentialError) -> CLIConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(CLIConfigFile.self, from: data)
        } catch is DecodingError {
            throw .unreadableConfig(
                path: path, reason: "it is not a valid aliyun CLI config (JSON with a 'profiles' list)")
        } catch {
            throw .unreadableConfig(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
