import AlibabaCDN
import Foundation
import Synchronization

/// Stand-ins for where keyless credentials come from: STS (`AssumeRole`, `AssumeRoleWithOIDC`), the ECS metadata
/// service (IMDSv2) and a credentials URI. Each issues short-lived credentials that the emulated CDN API accepts
/// with their token until they expire (`stsTokenSeconds`), then refuses as `InvalidSecurityToken.Expired`.
extension EmulatorService {
    /// The STS API version.
    static let stsVersion = "2015-04-01"
    /// Where its metadata service keeps the role's credentials.
    static let metadataCredentialsPath = "/latest/meta-data/ram/security-credentials/"
    /// The path of its credentials URI.
    package static let credentialsURIPath = "/credentials"

    /// Every secret and token it has issued (for tests that check none of them leaks).
    package func issuedSecrets() -> [String] {
        ledger.withLock { ledger in ledger.issued.values.flatMap { [$0.secret, $0.token] } }
    }

    /// The answer to a request for credentials, or `nil` when `request` is a CDN API call.
    func credentialsReply(_ request: EmulatorRequest, at time: Date) -> EmulatorReply? {
        if request.path.hasPrefix("/latest/") { return metadata(request, at: time) }
        if request.path == Self.credentialsURIPath {
            guard request.method.uppercased() == "GET" else { return nil }
            count("CredentialsURI")
            return Self.reply(status: 200, json: keysJSON(issue(at: time)).merging(["Code": .string("Success")]) { $1 })
        }
        let action = Self.parameters(of: request)["Action"]
        guard action == "AssumeRole" || action == "AssumeRoleWithOIDC" else { return nil }
        count(action ?? "")
        do throws(EmulatorFailure) {
            let parameters =
                try action == "AssumeRole"
                ? authenticate(request, at: time).parameters : Self.parameters(of: request)
            guard (Self.parameters(of: request)["Version"]) == Self.stsVersion else { throw .invalidVersion }
            guard let role = parameters["RoleArn"], !role.isEmpty else { throw .missingParameter("RoleArn") }
            guard let session = parameters["RoleSessionName"], !session.isEmpty else {
                throw .missingParameter("RoleSessionName")
            }
            if action == "AssumeRoleWithOIDC" {
                guard parameters["OIDCProviderArn"]?.isEmpty == false else {
                    throw .missingParameter("OIDCProviderArn")
                }
                guard let token = parameters["OIDCToken"], !token.isEmpty else { throw .missingParameter("OIDCToken") }
                if let accepted = configuration.oidcToken, token != accepted { throw .oidcTokenInvalid }
            }
            let issued = issue(at: time)
            return Self.reply(
                status: 200,
                json: [
                    "RequestId": .string(UUID().uuidString), "Credentials": .object(keysJSON(issued)),
                    "AssumedRoleUser": .object(["Arn": .string("\(role)/\(session)")]),
                ])
        } catch {
            return Self.reply(
                status: error.status,
                json: ["Code": error.code, "Message": error.message, "RequestId": UUID().uuidString])
        }
    }

    /// `PUT /latest/api/token`, `GET …/security-credentials/` (the role's name) and `GET …/security-credentials/ROLE`.
    private func metadata(_ request: EmulatorRequest, at time: Date) -> EmulatorReply {
        let method = request.method.uppercased()
        if request.path == "/latest/api/token" && method == "PUT" {
            count("metadata token")
            let token = UUID().uuidString
            ledger.withLock { _ = $0.metadataTokens.insert(token) }
            return EmulatorReply(status: 200, headers: ["Content-Type": "text/plain"], body: Array(token.utf8))
        }
        guard method == "GET", request.path.hasPrefix(Self.metadataCredentialsPath) else {
            return EmulatorReply(status: 404, body: Array("Not Found".utf8))
        }
        let token = request.header("x-aliyun-ecs-metadata-token")
        let known = token.map { token in ledger.withLock { $0.metadataTokens.contains(token) } } ?? false
        if (configuration.imdsTokenRequired && !known) || (token != nil && !known) {
            return EmulatorReply(status: 401, body: Array("Unauthorized".utf8))
        }
        let asked = String(request.path.dropFirst(Self.metadataCredentialsPath.count))
        guard let role = configuration.ecsRoleName, asked.isEmpty || asked == role else {
            return EmulatorReply(status: 404, body: Array("Not Found".utf8))
        }
        if asked.isEmpty {
            count("metadata role")
            return EmulatorReply(status: 200, headers: ["Content-Type": "text/plain"], body: Array(role.utf8))
        }
        count("metadata credentials")
        var json = keysJSON(issue(at: time))
        json["Code"] = .string("Success")
        json["LastUpdated"] = .string(APITimestamp.format(time))
        return Self.reply(status: 200, json: json)
    }

    /// New temporary credentials, valid for `stsTokenSeconds` (to the second, as their `Expiration` says).
    private func issue(at time: Date) -> (keyID: String, IssuedCredentials) {
        let expiration = Date(
            timeIntervalSince1970: (time.timeIntervalSince1970 + configuration.stsTokenSeconds).rounded(.down))
        let keyID = "STS." + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24)
        let issued = IssuedCredentials(
            secret: UUID().uuidString, token: "CAIS" + UUID().uuidString + UUID().uuidString, expiration: expiration)
        ledger.withLock { $0.issued[keyID] = issued }
        return (keyID, issued)
    }

    private func keysJSON(_ issued: (keyID: String, IssuedCredentials)) -> [String: JSONValue] {
        [
            "AccessKeyId": .string(issued.keyID), "AccessKeySecret": .string(issued.1.secret),
            "SecurityToken": .string(issued.1.token), "Expiration": .string(APITimestamp.format(issued.1.expiration)),
        ]
    }

    private func count(_ name: String) {
        ledger.withLock { $0.statistics.calls[name, default: 0] += 1 }
    }

    /// Query and form-body parameters together.
    static func parameters(of request: EmulatorRequest) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in AlibabaPercentEncoding.parseForm(request.query) { parameters[pair.name] = pair.value }
        if !request.body.isEmpty {
            for pair in AlibabaPercentEncoding.parseForm(String(decoding: request.body, as: UTF8.self)) {
                parameters[pair.name] = pair.value
            }
        }
        return parameters
    }
}
