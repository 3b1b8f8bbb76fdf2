import Foundation
import Logging
import Testing

@testable import AlibabaCDN

@Suite("Error texts")
struct ErrorTextTests {
    let credentials = Credentials(
        accessKeyID: "testid", accessKeySecret: "s3cr3t/value", securityToken: "CAIS tok+en", origin: "test")

    func signed() -> SignedRPCRequest {
        SignedRPCRequest(
            request: .describeRefreshQuota(), credentials: credentials, timestamp: "2024-01-01T00:00:00Z", nonce: "n")
    }

    @Test("SignatureDoesNotMatch: equal strings to sign mean a wrong secret, different ones an altered request")
    func signatureMismatch() {
        let ours = RPCSignatureV1.stringToSign(method: "POST", parameters: signed().parameters)
        let same = APIErrorBody(
            code: "SignatureDoesNotMatch",
            message: "Specified signature is not matched with our calculation. server string to sign is:\(ours)")
        let explained = CDNClient.explainSignatureMismatch(same, ours: signed())
        #expect(explained.hasSuffix("the AccessKey secret is wrong)"))
        #expect(!explained.contains("server string to sign"))
        let other = APIErrorBody(code: "SignatureDoesNotMatch", message: "x. server string to sign is:GET&%2F&other")
        #expect(CDNClient.explainSignatureMismatch(other, ours: signed()).hasSuffix("changed on its way)"))
        let unrelated = APIErrorBody(code: "Throttling.User", message: "server string to sign is: nothing")
        #expect(CDNClient.explainSignatureMismatch(unrelated, ours: signed()) == unrelated.message)
    }

    @Test("the secret and the STS token are redacted from server texts, raw or percent-encoded")
    func redaction() {
        let text = "token CAIS tok+en, encoded CAIS%20tok%2Ben, twice CAIS%2520tok%252Ben, secret s3cr3t%2Fvalue"
        let redacted = CDNClient.redact(text, credentials)
        #expect(!redacted.contains("CAIS") && !redacted.contains("s3cr3t"))
        #expect(redacted.components(separatedBy: "<redacted>").count == 5)
    }
}
