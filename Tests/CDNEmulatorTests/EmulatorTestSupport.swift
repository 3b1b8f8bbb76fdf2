import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

/// Builds signed requests for the emulator with the module's own client-side signing.
struct RequestSigner {
    var accessKeyID = EmulatorConfiguration.sandboxAccessKeyID
    var secret = EmulatorConfiguration.sandboxAccessKeySecret
    /// An STS token, for temporary credentials.
    var token: String?
    let clock: ManualClock

    /// A V1-signed request: common parameters and signature in the query, operation parameters in the body.
    func v1(
        _ request: APIRequest, method: String = "POST", nonce: String = UUID().uuidString, timestamp: Date? = nil
    ) -> EmulatorRequest {
        let credentials = Credentials(
            accessKeyID: accessKeyID, accessKeySecret: secret, securityToken: token, origin: "test")
        let signed = SignedRPCRequest(
            request: request, credentials: credentials, timestamp: APITimestamp.format(timestamp ?? clock.now()),
            nonce: nonce, method: method)
        if method == "GET" {
            let query = signed.formBody.isEmpty ? signed.queryString : signed.queryString + "&" + signed.formBody
            return EmulatorRequest(method: "GET", path: "/", query: query, headers: [("Host", "127.0.0.1")], body: [])
        }
        return EmulatorRequest(
            method: "POST", path: "/", query: signed.queryString,
            headers: [("Host", "127.0.0.1"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(signed.formBody.utf8))
    }

    /// A V3-signed (`ACS3-HMAC-SHA256`) request with a form body, as the current official SDKs send it.
    func v3(_ request: APIRequest, nonce: String = UUID().uuidString, tamperBody: Bool = false) -> EmulatorRequest {
        let body = Array(AlibabaPercentEncoding.formEncode(request.form.sorted { $0.key < $1.key }).utf8)
        let query = request.query.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        var headers: [(name: String, value: String)] = [
            ("host", "127.0.0.1:8080"), ("content-type", "application/x-www-form-urlencoded"),
            ("x-acs-action", request.action), ("x-acs-version", APIRequest.version),
            ("x-acs-date", APITimestamp.format(clock.now())), ("x-acs-signature-nonce", nonce),
            ("x-acs-content-sha256", ACS3Signature.hashedPayload(body)),
        ]
        let (canonicalHeaders, signedHeaders) = ACS3Signature.canonicalHeaders(headers)
        let canonical = ACS3Signature.canonicalRequest(
            method: "POST", canonicalURI: "/", query: query, canonicalHeaders: canonicalHeaders,
            signedHeaders: signedHeaders, hashedPayload: ACS3Signature.hashedPayload(body))
        headers.append(
            (
                "Authorization",
                ACS3Signature.authorization(
                    accessKeyID: accessKeyID, signedHeaders: signedHeaders,
                    signature: ACS3Signature.signature(canonicalRequest: canonical, secret: secret))
            ))
        return EmulatorRequest(
            method: "POST", path: "/", query: AlibabaPercentEncoding.formEncode(query.map { ($0.name, $0.value) }),
            headers: headers, body: tamperBody ? body + Array("x".utf8) : body)
    }
}

/// The decoded answer of an emulator outcome.
struct Answer {
    var status: Int
    var json: [String: Any]
    var headers: [String: String]
    var dropped: Bool

    var code: String? { json["Code"] as? String }
    var message: String { json["Message"] as? String ?? "" }

    init(_ outcome: EmulatorOutcome) {
        switch outcome.action {
        case .drop:
            status = 0
            json = [:]
            headers = [:]
            dropped = true
        case .respond(let reply):
            status = reply.status
            json = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
            headers = reply.headers
            dropped = false
        }
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: JSONSerialization.data(withJSONObject: json))
    }
}

/// A service with a manual clock and a signer for it.
struct Harness {
    let clock: ManualClock
    let service: EmulatorService
    var signer: RequestSigner

    init(_ configuration: EmulatorConfiguration = EmulatorConfiguration(), start: Date? = nil) {
        let clock = ManualClock(start ?? Date(timeIntervalSince1970: 1_795_456_800))
        self.clock = clock
        self.service = EmulatorService(configuration: configuration, now: { clock.now() })
        self.signer = RequestSigner(clock: clock)
    }

    func call(_ request: APIRequest) -> Answer {
        Answer(service.handle(signer.v1(request)))
    }

    func refresh(_ urls: [String], type: ObjectType = .file) -> Answer {
        call(.refreshObjectCaches(objectPath: urls.joined(separator: "\n"), objectType: type))
    }
}
