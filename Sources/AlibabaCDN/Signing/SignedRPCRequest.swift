/// The wire form of a V1-signed call: a query string (common parameters, query parameters, `Signature`) and a
/// form body (operation parameters).
package struct SignedRPCRequest: Sendable, Equatable {
    package let queryString: String
    package let formBody: String
    /// Every signed parameter (query and body together), as the signature covered them.
    package let parameters: [String: String]
    package let signature: String

    /// Signs `request` for an HTTP POST.
    package init(
        request: APIRequest, credentials: Credentials, timestamp: String, nonce: String, method: String = "POST"
    ) {
        var common: [String: String] = [
            "Action": request.action,
            "Version": request.version,
            "Format": "JSON",
            "AccessKeyId": credentials.accessKeyID,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": nonce,
            "Timestamp": timestamp,
        ]
        if let token = credentials.securityToken { common["SecurityToken"] = token }
        let query = common.merging(request.query) { _, operation in operation }
        let all = query.merging(request.form) { _, body in body }
        let signature = RPCSignatureV1.sign(method: method, parameters: all, secret: credentials.accessKeySecret)
        self.parameters = all
        self.signature = signature
        self.queryString = Self.encode(query.sorted { $0.key < $1.key } + [("Signature", signature)])
        self.formBody = Self.encode(request.form.sorted { $0.key < $1.key })
    }

    private static func encode(_ pairs: [(key: String, value: String)]) -> String {
        AlibabaPercentEncoding.formEncode(pairs.map { ($0.key, $0.value) })
    }
}
