import Crypto
import Foundation
import Support

/// Simple Log Service's request signatures, as aliyun-log-python-sdk 0.9.52 (`aliyun/log/auth.py`) makes them.
///
/// - v1 (`hmac-sha1`): `Date`, `Content-MD5` (upper-case hex MD5 of a body), and over
///   `VERB\nContent-MD5\nContent-Type\nDate\n` + the `x-log-*`/`x-acs-*` headers sorted (`name:value\n`) + the
///   resource with its sorted `k=v` parameters, values not encoded: `Authorization: LOG id:base64(HMAC-SHA1)`.
/// - v4 (`SLS4-HMAC-SHA256`): `x-log-date`, `x-log-content-sha256`; a canonical request of the verb, the resource,
///   the RFC 3986-encoded sorted parameters, the signed headers (`content-type`, `host`, `x-log-*`, `x-acs-*`) and
///   the body's hash; a key derived from `"aliyun_v4" + secret` over the date, the region, `sls` and
///   `aliyun_v4_request`.
///
/// A security token (STS) travels in `x-acs-security-token`, which both versions sign.
package enum SLSSignature: String, Sendable, CaseIterable {
    case v1, v4

    /// The MD5 of a body as v1's `Content-MD5` says it: upper-case hex.
    package static func contentMD5(_ body: [UInt8]) -> String {
        Insecure.MD5.hash(data: body).map { hex($0, upper: true) }.joined()
    }

    /// Signs `request` in place at `date` (for v4, in `region`).
    package func sign(_ request: inout SLSRequest, credentials: Credentials, region: String, date: Date) {
        if let token = credentials.securityToken, !token.isEmpty { request.headers["x-acs-security-token"] = token }
        switch self {
        case .v1: Self.signV1(&request, credentials: credentials, date: date)
        case .v4: Self.signV4(&request, credentials: credentials, region: region, date: date)
        }
    }

    // MARK: - v1

    static func signV1(_ request: inout SLSRequest, credentials: Credentials, date: Date) {
        request.headers["x-log-signaturemethod"] = "hmac-sha1"
        request.headers["date"] = httpDate(date)
        if !request.body.isEmpty {
            request.headers["content-md5"] = contentMD5(request.body)
        }
        let signature = v1Signature(stringToSign: v1StringToSign(request), secret: credentials.accessKeySecret)
        request.headers["authorization"] = "LOG \(credentials.accessKeyID):\(signature)"
        // Some proxies drop `Date`; the service also reads it here (not signed).
        request.headers["x-log-date"] = request.headers["date"]
    }

    /// The v1 string to sign of a request whose `date` (and `content-md5`) are set.
    package static func v1StringToSign(_ request: SLSRequest) -> String {
        var text = request.method + "\n" + (request.headers["content-md5"] ?? "") + "\n"
        text += (request.headers["content-type"] ?? "") + "\n" + (request.headers["date"] ?? "") + "\n"
        for name in request.headers.keys.sorted() where SLSRequest.isSignedExtra(name) && name != "x-log-date" {
            text += name + ":" + request.headers[name]! + "\n"
        }
        text += request.resource
        if !request.parameters.isEmpty {
            text +=
                "?"
                + request.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        }
        return text
    }

    package static func v1Signature(stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key))
            .base64EncodedString()
    }

    // MARK: - v4

    static func signV4(_ request: inout SLSRequest, credentials: Credentials, region: String, date: Date) {
        let time = v4Time(date)
        let day = String(time.prefix(8))
        request.headers["x-log-content-sha256"] = sha256Hex(request.body)
        request.headers["x-log-date"] = time
        let (canonical, signedHeaders) = v4CanonicalRequest(request)
        let scope = "\(day)/\(region)/sls/aliyun_v4_request"
        let stringToSign = "SLS4-HMAC-SHA256\n\(time)\n\(scope)\n" + sha256Hex(Array(canonical.utf8))
        _ = signedHeaders
        let signature = v4Signature(
            stringToSign: stringToSign, secret: credentials.accessKeySecret, day: day, region: region)
        request.headers["authorization"] =
            "SLS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope),Signature=\(signature)"
    }

    /// The v4 canonical request of a request whose `x-log-date` and `x-log-content-sha256` are set, and the signed
    /// header names.
    package static func v4CanonicalRequest(_ request: SLSRequest) -> (String, String) {
        let signed = request.headers.keys.filter {
            $0 == "content-type" || $0 == "host" || SLSRequest.isSignedExtra($0)
        }
        .sorted()
        var text = request.method + "\n" + request.resource + "\n"
        text +=
            request.parameters.sorted { $0.key < $1.key }.map { key, value in
                let encoded = rfc3986(value)
                return encoded.isEmpty ? key : key + "=" + encoded
            }.joined(separator: "&") + "\n"
        for name in signed {
            text += name + ":" + request.headers[name]!.trimmingCharacters(in: .whitespaces) + "\n"
        }
        let names = signed.joined(separator: ";")
        text += "\n" + names + "\n" + (request.headers["x-log-content-sha256"] ?? sha256Hex([]))
        return (text, names)
    }

    package static func v4Signature(stringToSign: String, secret: String, day: String, region: String) -> String {
        var key = SymmetricKey(data: Array(("aliyun_v4" + secret).utf8))
        for part in [day, region, "sls", "aliyun_v4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key).map { hex($0) }.joined()
    }

    // MARK: - Formats

    /// `Mon, 09 Nov 2015 06:11:16 GMT`.
    static func httpDate(_ date: Date) -> String {
        FixedDate.string(date, FixedDate.http)
    }

    /// `20151109T061116Z`.
    static func v4Time(_ date: Date) -> String {
        FixedDate.string(date, v4TimePattern)
    }

    /// The pattern of a v4 timestamp (`x-log-date`).
    package static let v4TimePattern = "yyyyMMdd'T'HHmmss'Z'"

    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { hex($0) }.joined()
    }

    private static func hex(_ byte: UInt8, upper: Bool = false) -> String {
        let digits = Array(upper ? "0123456789ABCDEF" : "0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// RFC 3986: unreserved characters as they are, every other byte of the UTF-8 as `%XX`.
    static func rfc3986(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += "%" + hex(byte, upper: true)
            }
        }
        return result
    }
}
