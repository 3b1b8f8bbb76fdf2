/// Why no usable credentials were found.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither the environment nor the config file holds credentials.
    case notFound(configPath: String)
    /// Only one of the ID and the secret is set in the environment.
    case incompleteEnvironment(present: String, missing: String)
    /// The config file exists but is not valid JSON of the expected shape.
    case unreadableConfig(path: String, reason: String)
    /// The selected profile is not in the config file.
    case unknownProfile(name: String, path: String, available: [String])
    /// The profile's mode needs an STS or metadata call this tool does not make.
    case unsupportedMode(profile: String, mode: String)
    /// The profile lacks a field its mode needs.
    case incompleteProfile(profile: String, missing: String)

    public var description: String {
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
            "profile '\(profile)' uses mode '\(mode)'; cdn-refresh supports AK and StsToken profiles — "
                + "use one of those, or export ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/_SECURITY_TOKEN"
        case .incompleteProfile(let profile, let missing):
            "profile '\(profile)' has no \(missing)"
        }
    }
}
