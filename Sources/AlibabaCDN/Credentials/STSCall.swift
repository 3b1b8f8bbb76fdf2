import Foundation

/// Calls to Alibaba's Security Token Service: `AssumeRole` (V1-signed with an AccessKey) and
/// `AssumeRoleWithOIDC` (not signed: the OIDC token is the proof).
///
/// Answers carry `Credentials` with an `Expiration`; errors carry an STS code, which is mapped to a hint.
struct STSCall: Sendable {
    static let version = "2015-04-01"
    static let defaultEndpoint = "https://sts.aliyuncs.com"

    var endpoint: String
    var transport: any CredentialTransport
    var timeout: Double = 10
    var now: @Sendable () -> Date = { Date() }

    /// `AssumeRole` as `base`.
    func assumeRole(
        as base: Credentials, roleARN: String, sessionName: String, durationSeconds: Int, source: String
    ) async throws(CredentialError) -> Credentials {
        let request = APIRequest(
            action: "AssumeRole", version: Self.version,
            form: ["RoleArn": roleARN, "RoleSessionName": sessionName, "DurationSeconds": String(durationSeconds)])
        let signed = SignedRPCRequest(
            request: request, credentials: base, timestamp: APITimestamp.format(now()), nonce: UUID().uuidString)
        return try await call(query: signed.queryString, form: signed.formBody, source: source)
    }

    /// `AssumeRoleWithOIDC` with the token read from the pod's token file.
    func assumeRoleWithOIDC(
        roleARN: String, providerARN: String, token: String, sessionName: String, durationSeconds: Int, source: String
    ) async throws(CredentialError) -> Credentials {
        let query = AlibabaPercentEncoding.formEncode(
            [
                ("Action", "AssumeRoleWithOIDC"), ("Format", "JSON"), ("Timestamp", APITimestamp.format(now())),
                ("Version", Self.version),
            ])
        let form = AlibabaPercentEncoding.formEncode(
            [
                ("DurationSeconds", String(durationSeconds)), ("OIDCProviderArn", providerARN), ("OIDCToken", token),
                ("RoleArn", roleARN), ("RoleSessionName", sessionName),
            ])
        return try await call(query: query, form: form, source: source)
    }

    private func call(query: String, form: String, source: String) async throws(CredentialError) -> Credentials {
        let request = CredentialHTTPRequest(
            method: "POST", url: endpoint + "/?" + query,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(form.utf8), timeout: timeout)
        let response: CredentialHTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .sourceFailed(source: source, reason: "STS at \(endpoint): \(Self.reason(of: error))")
        }
        guard (200..<300).contains(response.status) else {
            let failure = try? JSONDecoder().decode(STSFailure.self, from: Data(response.body))
            guard let code = failure?.code else {
                throw .sourceFailed(source: source, reason: "STS answered HTTP \(response.status)")
            }
            throw .sourceFailed(
                source: source, reason: "STS refused (\(code))" + (Self.hint(for: code).map { " — \($0)" } ?? ""))
        }
        guard let answer = try? JSONDecoder().decode(STSAnswer.self, from: Data(response.body)),
            let credentials = answer.credentials.credentials(origin: source)
        else {
            throw .sourceFailed(source: source, reason: "STS answered without usable credentials")
        }
        return credentials
    }

    /// What an STS error code means for whoever set this up.
    static func hint(for code: String) -> String? {
        switch code {
        case "NoPermission":
            "the AccessKey's RAM user may not assume this role: grant it sts:AssumeRole "
                + "(AliyunSTSAssumeRoleAccess) and name it in the role's trust policy"
        case "EntityNotExist.Role":
            "there is no such role: check the role ARN"
        case "AuthenticationFail.OIDCToken.Expired":
            "the OIDC token in the token file has expired: on ACK the kubelet renews the projected token, so check "
                + "that ALIBABA_CLOUD_OIDC_TOKEN_FILE is the mounted file"
        case "AuthenticationFail.OIDCToken.Invalid", "InvalidParameter.OIDCToken":
            "the token file does not hold a valid OIDC token for this provider"
        case "AuthenticationFail.NoPermission":
            "the role's trust policy does not let this OIDC provider (or service account) assume it"
        case "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive", "SignatureDoesNotMatch":
            "the profile's AccessKey is not valid"
        case "InvalidParameter.DurationSeconds":
            "the session duration is outside what the role allows (900 s up to its maximum)"
        default:
            nil
        }
    }

    static func reason(of error: CredentialError) -> String {
        if case .sourceFailed(_, let reason) = error { return reason }
        return "\(error)"
    }
}
