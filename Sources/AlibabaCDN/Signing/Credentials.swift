import Foundation

/// An AccessKey pair, optionally with an STS security token.
///
/// Its descriptions never show the secret or the token, so logging or printing a value cannot leak them.
package struct Credentials: Sendable, Equatable {
    package var accessKeyID: String
    package var accessKeySecret: String
    package var securityToken: String?
    /// Where the credentials came from, for messages (`environment`, `profile 'default' in …`).
    package var origin: String
    /// When temporary credentials stop working (`nil`: long-lived keys).
    package var expiration: Date?

    package init(
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
    package var maskedAccessKeyID: String {
        let characters = Array(accessKeyID)
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 6)
            + String(characters.suffix(2))
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String {
        "Credentials(accessKeyID: \(maskedAccessKeyID), secret: <redacted>, "
            + "securityToken: \(securityToken == nil ? "none" : "<redacted>"), origin: \(origin)"
            + (expiration.map { ", expiration: \(APITimestamp.format($0))" } ?? "") + ")"
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
