import AlibabaCDN
import Foundation
import Synchronization

/// A request whose signature, key and timestamp checked out.
struct AuthenticatedCall: Sendable {
    var action: String
    var version: String
    /// Query and form-body parameters together.
    var parameters: [String: String]
    var nonce: String
    /// The `Host` the call was sent to (where its answers point back, such as a log's download URL).
    var host = ""
}

extension EmulatorService {
    /// The largest clock difference accepted, as Alibaba's gateway allows.
    static let timestampTolerance: TimeInterval = 15 * 60

    /// Checks a request's signature (V1 parameters or a V3 `Authorization` header), key and timestamp.
    func authenticate(_ request: EmulatorRequest, at time: Date) throws(EmulatorFailure) -> AuthenticatedCall {
        let method = request.method.uppercased()
        guard request.path == "/" || request.path.isEmpty, method == "GET" || method == "POST" else {
            throw .actionNotFound
        }
        var parameters: [String: String] = [:]
        let queryPairs = AlibabaPercentEncoding.parseForm(request.query)
        for pair in queryPairs { parameters[pair.name] = pair.value }
        let contentType = request.header("content-type")?.lowercased() ?? ""
        if !request.body.isEmpty && (contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded"))
        {
            for pair in AlibabaPercentEncoding.parseForm(String(decoding: request.body, as: UTF8.self)) {
                parameters[pair.name] = pair.value
            }
        }
        if let authorization = request.header("authorization"), authorization.hasPrefix(ACS3Signature.algorithm) {
            return try authenticateV3(
                request, authorization: authorization, method: method, queryPairs: queryPairs,
                parameters: parameters, at: time)
        }
        return try authenticateV1(method: method, parameters: parameters, at: time)
    }

    private func authenticateV1(method: String, parameters: [String: String], at time: Date)
        throws(EmulatorFailure) -> AuthenticatedCall
    {
        guard let signature = parameters["Signature"], parameters["SignatureMethod"] == "HMAC-SHA1",
            parameters["SignatureVersion"] == "1.0"
        else { throw .incompleteSignature }
        guard let keyID = parameters["AccessKeyId"] else { throw .missingParameter("AccessKeyId") }
        let secret = try secret(of: keyID, token: parameters["SecurityToken"], at: time)
        guard let timestamp = parameters["Timestamp"] else { throw .missingParameter("Timestamp") }
        try checkTimestamp(timestamp, at: time)
        guard let nonce = parameters["SignatureNonce"], !nonce.isEmpty else {
            throw .missingParameter("SignatureNonce")
        }
        guard let action = parameters["Action"] else { throw .missingParameter("Action") }
        guard let version = parameters["Version"] else { throw .missingParameter("Version") }
        let stringToSign = RPCSignatureV1.stringToSign(method: method, parameters: parameters)
        let expected = RPCSignatureV1.signature(stringToSign: stringToSign, secret: secret)
        guard expected == signature else { throw .signatureMismatch(serverStringToSign: stringToSign) }
        var operation = parameters
        for common in [
            "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "AccessKeyId", "Timestamp", "Format",
            "Action", "Version", "SecurityToken", "RegionId", "SignatureType",
        ] {
            operation[common] = nil
        }
        return AuthenticatedCall(action: action, version: version, parameters: operation, nonce: nonce)
    }

    private func authenticateV3(
        _ request: EmulatorRequest, authorization: String, method: String,
        queryPairs: [(name: String, value: String)], parameters: [String: String], at time: Date
    ) throws(EmulatorFailure) -> AuthenticatedCall {
        guard let parsed = ACS3Signature.parseAuthorization(authorization) else { throw .incompleteSignature }
        let secret = try secret(
            of: parsed.accessKeyID, token: request.header("x-acs-security-token") ?? parameters["SecurityToken"],
            at: time)
        guard let action = request.header("x-acs-action"), let version = request.header("x-acs-version"),
            let date = request.header("x-acs-date"), let nonce = request.header("x-acs-signature-nonce"),
            let contentHash = request.header("x-acs-content-sha256")
        else { throw .incompleteSignature }
        let signedNames = Set(parsed.signedHeaders.map { $0.lowercased() })
        let mustSign = request.headers.map { $0.name.lowercased() }.filter { $0.hasPrefix("x-acs-") } + ["host"]
        guard mustSign.allSatisfy(signedNames.contains) else { throw .incompleteSignature }
        try checkTimestamp(date, at: time)
        let bodyHash = ACS3Signature.hashedPayload(request.body)
        guard bodyHash == contentHash.lowercased() else {
            throw EmulatorFailure(
                status: 400, code: "SignatureDoesNotMatch",
                message: "The x-acs-content-sha256 header does not match the SHA-256 of the body.")
        }
        let signedHeaders = request.headers.filter { signedNames.contains($0.name.lowercased()) }
        let (canonicalHeaders, signedList) = ACS3Signature.canonicalHeaders(
            signedHeaders, signedNames: parsed.signedHeaders)
        let canonicalRequest = ACS3Signature.canonicalRequest(
            method: method, canonicalURI: request.path.isEmpty ? "/" : request.path, query: queryPairs,
            canonicalHeaders: canonicalHeaders, signedHeaders: signedList, hashedPayload: contentHash.lowercased())
        let expected = ACS3Signature.signature(
            canonicalRequest: canonicalRequest, secret: secret)
        guard expected == parsed.signature.lowercased() else {
            throw .signatureMismatch(serverStringToSign: ACS3Signature.stringToSign(canonicalRequest: canonicalRequest))
        }
        return AuthenticatedCall(action: action, version: version, parameters: parameters, nonce: nonce)
    }

    /// The secret of `keyID`: the configured key's, or that of temporary credentials this emulator issued, which
    /// need their token and stop working when they expire.
    func secret(of keyID: String, token: String?, at time: Date) throws(EmulatorFailure) -> String {
        if keyID == configuration.accessKeyID { return configuration.accessKeySecret }
        guard let issued = ledger.withLock({ $0.issued[keyID] }) else { throw .accessKeyNotFound }
        guard let token else { throw .securityTokenMissing }
        guard token == issued.token else { throw .securityTokenMismatch }
        guard time < issued.expiration else { throw .securityTokenExpired }
        return issued.secret
    }

    private func checkTimestamp(_ text: String, at time: Date) throws(EmulatorFailure) {
        guard let stamp = APITimestamp.parse(text) else { throw .timestampFormat }
        guard abs(stamp.timeIntervalSince(time)) <= Self.timestampTolerance else { throw .timestampExpired }
    }
}
