import Foundation

/// The RAM role attached to this ECS instance, from the instance metadata service.
///
/// IMDSv2 first: a session token from `PUT /latest/api/token`, sent with every read. Without one (an old image, a
/// proxy), IMDSv1 reads are tried unless `imdsV1Disabled`. The role name is discovered when not given. Timeouts
/// are short (1 s): on a laptop there is no metadata service, and the chain must not hang on it.
package struct ECSRoleSource: TemporaryCredentialsSource {
    /// `http://100.100.100.200`, or `CDN_REFRESH_ECS_METADATA_URL` for a stand-in.
    package var metadataURL: String
    package var roleName: String?
    package var imdsV1Disabled: Bool
    package var timeout: Double
    var transport: any CredentialTransport

    package static let defaultMetadataURL = "http://100.100.100.200"
    static let tokenTTLSeconds = 21_600

    package init(
        metadataURL: String = ECSRoleSource.defaultMetadataURL, roleName: String?, imdsV1Disabled: Bool,
        timeout: Double = 1, transport: any CredentialTransport
    ) {
        self.metadataURL = metadataURL
        self.roleName = roleName
        self.imdsV1Disabled = imdsV1Disabled
        self.timeout = timeout
        self.transport = transport
    }

    package var name: String { "ECS metadata" + (roleName.map { " (role '\($0)')" } ?? "") }

    package func fetch() async throws(CredentialError) -> Credentials {
        let token = try await sessionToken()
        var headers: [String: String] = [:]
        if let token { headers["X-aliyun-ecs-metadata-token"] = token }
        let base = metadataURL + "/latest/meta-data/ram/security-credentials/"
        var role = roleName
        if role == nil {
            let answer = try await get(base, headers: headers)
            guard answer.status == 200 else {
                throw .sourceFailed(source: name, reason: Self.explain(answer.status, what: "role list"))
            }
            role = answer.text.split(whereSeparator: \.isNewline).first.map(String.init)
            guard role != nil else { throw .sourceFailed(source: name, reason: "no role attached (empty list)") }
        }
        let answer = try await get(base + (role ?? ""), headers: headers)
        guard answer.status == 200 else {
            throw .sourceFailed(source: name, reason: Self.explain(answer.status, what: "role '\(role ?? "")'"))
        }
        let origin = "ECS instance role '\(role ?? "")'"
        guard let keys = try? JSONDecoder().decode(TemporaryKeys.self, from: Data(answer.body)),
            keys.code == nil || keys.code == "Success", let credentials = keys.credentials(origin: origin)
        else {
            throw .sourceFailed(source: name, reason: "the metadata service answered without usable credentials")
        }
        return credentials
    }

    /// An IMDSv2 session token, or `nil` to read with IMDSv1.
    private func sessionToken() async throws(CredentialError) -> String? {
        let request = CredentialHTTPRequest(
            method: "PUT", url: metadataURL + "/latest/api/token",
            headers: ["X-aliyun-ecs-metadata-token-ttl-seconds": String(Self.tokenTTLSeconds)], timeout: timeout,
            neverProxied: true)
        let answer: CredentialHTTPResponse
        do {
            answer = try await transport.send(request)
        } catch {
            // No answer at all: there is no metadata service here (not an ECS instance).
            throw .sourceFailed(source: name, reason: "not reachable (\(STSCall.reason(of: error)))")
        }
        if answer.status == 200, !answer.body.isEmpty { return answer.text }
        if imdsV1Disabled {
            throw .sourceFailed(
                source: name, reason: "no IMDSv2 token (HTTP \(answer.status)) and IMDSv1 is disabled")
        }
        return nil
    }

    private func get(_ url: String, headers: [String: String]) async throws(CredentialError) -> CredentialHTTPResponse {
        do {
            return try await transport.send(
                CredentialHTTPRequest(method: "GET", url: url, headers: headers, timeout: timeout, neverProxied: true))
        } catch {
            throw .sourceFailed(source: name, reason: "not reachable (\(STSCall.reason(of: error)))")
        }
    }

    static func explain(_ status: Int, what: String) -> String {
        switch status {
        case 404: "no role attached (404 for the \(what))"
        case 401, 403: "refused (\(status)): IMDSv2 token not accepted"
        default: "HTTP \(status) for the \(what)"
        }
    }
}
