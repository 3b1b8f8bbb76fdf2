import Crypto
import Foundation

/// Alibaba Cloud's RPC signature, version 1 (HMAC-SHA1).
///
/// Every parameter of the request — query and form body together — except `Signature` is percent-encoded,
/// sorted by name (byte order) and joined as `name=value&…`; the string to sign is
/// `METHOD&%2F&` + the encoded canonical string; the key is the secret plus `&`; the signature is Base64.
package enum RPCSignatureV1 {
    /// The canonicalized query string: encoded pairs sorted by name, joined with `&`.
    package static func canonicalizedQuery(_ parameters: [String: String]) -> String {
        parameters
            .filter { $0.key != "Signature" }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { "\(AlibabaPercentEncoding.encode($0.key))=\(AlibabaPercentEncoding.encode($0.value))" }
            .joined(separator: "&")
    }

    /// `METHOD&%2F&` followed by the percent-encoded canonicalized query.
    package static func stringToSign(method: String, parameters: [String: String]) -> String {
        "\(method)&%2F&\(AlibabaPercentEncoding.encode(canonicalizedQuery(parameters)))"
    }

    /// Base64 of HMAC-SHA1 over `stringToSign` keyed with `secret + "&"`.
    package static func signature(stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array((secret + "&").utf8))
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Data(code).base64EncodedString()
    }

    /// The signature of a request with these parameters.
    package static func sign(method: String, parameters: [String: String], secret: String) -> String {
        signature(stringToSign: stringToSign(method: method, parameters: parameters), secret: secret)
    }
}
