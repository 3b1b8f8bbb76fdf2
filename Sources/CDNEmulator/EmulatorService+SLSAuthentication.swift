import AlibabaCDN
import Foundation
import Support

/// Checks SLS signatures as the service does: v1 (`LOG id:signature`) or v4 (`SLS4-HMAC-SHA256 Credential=…`), the key
/// (or temporary credentials this emulator issued, with their `x-acs-security-token`), and the time (±15 minutes).
extension EmulatorService {
    func authenticateSLS(_ request: EmulatorRequest, at time: Date) throws(SLSFailure) {
        guard let authorization = request.header("authorization") else {
            throw SLSFailure(401, "Unauthorized", "the request is not signed (no Authorization header)")
        }
        var signed = SLSRequest(
            method: request.method.uppercased(), resource: request.path,
            headers: Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 }),
            body: request.body)
        for pair in AlibabaPercentEncoding.parseForm(request.query) { signed.parameters[pair.name] = pair.value }
        let token = signed.headers["x-acs-security-token"]
        if authorization.hasPrefix("LOG ") {
            let parts = authorization.dropFirst(4).split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw SLSFailure(401, "Unauthorized", "a malformed Authorization header") }
            let secret = try secret(parts[0], token: token, at: time)
            try checkTime(signed.headers["date"].flatMap(Self.httpDate), at: time)
            if !signed.body.isEmpty {
                guard signed.headers["content-md5"] == SLSSignature.contentMD5(signed.body) else {
                    throw SLSFailure(400, "InvalidContentMD5", "Content-MD5 does not match the body")
                }
            }
            let stringToSign = SLSSignature.v1StringToSign(signed)
            guard SLSSignature.v1Signature(stringToSign: stringToSign, secret: secret) == parts[1] else {
                throw SLSFailure(401, "SignatureNotMatch", "signature \(parts[1]) not match")
            }
            return
        }
        guard authorization.hasPrefix("SLS4-HMAC-SHA256 "),
            let credential = Self.field("Credential", in: authorization),
            let signature = Self.field("Signature", in: authorization)
        else { throw SLSFailure(401, "Unauthorized", "a malformed Authorization header") }
        let scope = credential.split(separator: "/").map(String.init)
        guard scope.count == 5, scope[3] == "sls", scope[4] == "aliyun_v4_request" else {
            throw SLSFailure(401, "Unauthorized", "a malformed credential scope")
        }
        let secret = try secret(scope[0], token: token, at: time)
        guard let stamp = signed.headers["x-log-date"], stamp.hasPrefix(scope[1]) else {
            throw SLSFailure(401, "Unauthorized", "x-log-date is missing or outside the credential's day")
        }
        try checkTime(Self.v4Date(stamp), at: time)
        guard signed.headers["x-log-content-sha256"] == SLSSignature.sha256Hex(signed.body) else {
            throw SLSFailure(401, "SignatureNotMatch", "x-log-content-sha256 does not match the body")
        }
        let (canonical, _) = SLSSignature.v4CanonicalRequest(signed)
        let stringToSign =
            "SLS4-HMAC-SHA256\n\(stamp)\n\(scope[1])/\(scope[2])/sls/aliyun_v4_request\n"
            + SLSSignature.sha256Hex(Array(canonical.utf8))
        let expected = SLSSignature.v4Signature(
            stringToSign: stringToSign, secret: secret, day: scope[1], region: scope[2])
        guard expected == signature else { throw SLSFailure(401, "SignatureNotMatch", "signature not match") }
    }

    private func secret(_ keyID: String, token: String?, at time: Date) throws(SLSFailure) -> String {
        do {
            return try secret(of: keyID, token: token, at: time)
        } catch {
            throw SLSFailure(401, "Unauthorized", "\(error.code): \(error.message)")
        }
    }

    private func checkTime(_ date: Date?, at time: Date) throws(SLSFailure) {
        guard let date, abs(date.timeIntervalSince(time)) <= 900 else {
            throw SLSFailure(400, "RequestTimeTooSkewed", "the request's time is more than 15 minutes off")
        }
    }

    private static func field(_ name: String, in authorization: String) -> String? {
        for part in authorization.dropFirst("SLS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }

    private static func httpDate(_ text: String) -> Date? {
        FixedDate.date(text, FixedDate.http)
    }

    private static func v4Date(_ text: String) -> Date? {
        FixedDate.date(text, SLSSignature.v4TimePattern)
    }
}
