/// Why no usable credentials were found.
///
/// Messages name the source that was tried and why it failed; they never hold a secret, a token or an answer of
/// STS or the metadata service.
package enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither the environment nor the config file holds credentials (and no other source is configured).
    case notFound(configPath: String)
    /// Only one of the ID and the secret is set in the environment.
    case incompleteEnvironment(present: String, missing: String)
    /// The config file exists but is not valid JSON of the expected shape.
    case unreadableConfig(path: String, reason: String)
    /// The selected profile is not in the config file.
    case unknownProfile(name: String, path: String, available: [String])
    /// The profile's mode is one this tool does not implement.
    case unsupportedMode(profile: String, mode: String)
    /// The profile lacks a field its mode needs.
    case incompleteProfile(profile: String, missing: String)
    /// A configured source did not give credentials: STS refused, the metadata service has no role, a file
    /// cannot be read.
    case sourceFailed(source: String, reason: String)
    /// Every source of the default chain was tried; each says why it gave nothing.
    case noneWorked(attempts: [String])

    package var description: String {
        switch self {
        case .notFound(let path):
            "no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, "
                + "or configure a profile in \(path) (aliyun configure)"
        case .incompleteEnvironment(let present, let missing):
            "\(present) is set but \(missing) is not"
        case .unreadableConfig(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unknownProfile(let name, let path, let available):
            "profile '\(name)' is not in \(path)"
                + (available.isEmpty ? "" : " (profiles: \(available.joined(separator: ", ")))")
        case .unsupportedMode(let profile, let mode):
            "profile '\(profile)' uses mode '\(mode)'; cdn-refresh supports the modes AK, StsToken, RamRoleArn, "
                + "EcsRamRole, OIDC and CredentialsURI"
        case .incompleteProfile(let profile, let missing):
            "profile '\(profile)' has no \(missing)"
        case .sourceFailed(let source, let reason):
            "\(source): \(reason)"
        case .noneWorked(let attempts):
            "no usable credentials; tried, in order:\n"
                + attempts.map { "  - \($0)" }.joined(separator: "\n")
                + "\n  (set ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, configure a profile with `aliyun configure`, or "
                + "attach a RAM role to this ECS instance)"
        }
    }
}
