import Foundation

/// An AccessKey pair, optionally with an STS security token.
///
/// Its descriptions never show the secret or the token, so logging or printing a value cannot leak them.
public struct Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var accessKeySecret: String
    public var securityToken: String?
    /// Where the credentials came from, for messages (`environment`, `profile 'default' in …`).
    public var origin: String
    /// When temporary credentials stop working (`nil`: long-lived keys).
    public var expiration: Date?

    public init(
        accessKeyID: String, accessKeySecret: String, securityToken: String? = nil, origin: String,
        expiration: Date? = nil
    ) {
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.origin = origin
        self.expiration = expiration
    }

    /// The AccessKey ID with all but its first four and last two characters masked.
    public var maskedAccessKeyID: String {
        let characters = Array(accessKeyID)
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 6)
            + String(characters.suffix(2))
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Credentials(accessKeyID: \(maskedAccessKeyID), secret: <redacted>, "
            + "securityToken: \(securityToken == nil ? "none" : "<redacted>"), origin: \(origin)"
            + (expiration.map { ", expiration: \(APITimestamp.format($0))" } ?? "") + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
