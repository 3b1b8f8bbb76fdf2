import Foundation

/// The temporary credentials every source answers with (STS, the ECS metadata service, a credentials URI).
struct TemporaryKeys: Decodable {
    var accessKeyID: String?
    var accessKeySecret: String?
    var securityToken: String?
    var expiration: String?
    /// The metadata service and credentials URIs say `Success`.
    var code: String?

    enum CodingKeys: String, CodingKey {
        case accessKeyID = "AccessKeyId"
        case accessKeySecret = "AccessKeySecret"
        case securityToken = "SecurityToken"
        case expiration = "Expiration"
        case code = "Code"
    }

    /// The credentials, when all three parts and a readable expiration are there.
    func credentials(origin: String) -> Credentials? {
        guard let accessKeyID, let accessKeySecret, let securityToken, !accessKeyID.isEmpty,
            !accessKeySecret.isEmpty, !securityToken.isEmpty
        else { return nil }
        var expires: Date?
        if let expiration {
            guard let parsed = APITimestamp.parse(expiration) else { return nil }
            expires = parsed
        }
        return Credentials(
            accessKeyID: accessKeyID, accessKeySecret: accessKeySecret, securityToken: securityToken, origin: origin,
            expiration: expires)
    }
}
