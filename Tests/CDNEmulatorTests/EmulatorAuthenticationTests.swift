import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: signatures, keys, timestamps, nonces")
struct EmulatorAuthenticationTests {
    @Test("a V1 POST and a V1 GET are accepted")
    func v1Accepted() throws {
        let harness = Harness()
        let post = harness.call(.describeRefreshQuota())
        #expect(post.status == 200)
        #expect(post.json["UrlQuota"] as? String == "2000")
        let get = Answer(harness.service.handle(harness.signer.v1(.describeRefreshQuota(), method: "GET")))
        #expect(get.status == 200)
        #expect((get.json["RequestId"] as? String)?.count == 36)
    }

    @Test("a V3 (ACS3-HMAC-SHA256) request with a form body is accepted")
    func v3Accepted() throws {
        let harness = Harness()
        let answer = Answer(
            harness.service.handle(
                harness.signer.v3(.refreshObjectCaches(objectPath: "https://a.example.com/x.png", objectType: .file))))
        #expect(answer.status == 200)
        #expect(try answer.decode(TaskSubmissionResponse.self).taskIDs.count == 1)
    }

    @Test("a wrong secret is SignatureDoesNotMatch, and the message shows the server's string to sign (V1)")
    func v1WrongSecret() {
        var harness = Harness()
        harness.signer.secret = "wrong"
        let request = harness.signer.v1(.describeRefreshQuota(), nonce: "n-1")
        let answer = Answer(harness.service.handle(request))
        #expect(answer.status == 400)
        #expect(answer.code == "SignatureDoesNotMatch")
        #expect(answer.message.contains("server string to sign is:POST&%2F&AccessKeyId%3D"))
    }

    @Test("V3: a wrong secret or a body that does not match its hash is SignatureDoesNotMatch")
    func v3Refused() {
        var harness = Harness()
        let tampered = Answer(
            harness.service.handle(
                harness.signer.v3(
                    .refreshObjectCaches(objectPath: "https://a.com/x", objectType: .file), tamperBody: true)))
        #expect(tampered.code == "SignatureDoesNotMatch")
        harness.signer.secret = "wrong"
        let wrong = Answer(harness.service.handle(harness.signer.v3(.describeRefreshQuota())))
        #expect(wrong.code == "SignatureDoesNotMatch")
        #expect(wrong.message.contains("ACS3-HMAC-SHA256\n"))
    }

    @Test("an unknown AccessKey ID is 404 InvalidAccessKeyId.NotFound")
    func unknownKey() {
        var harness = Harness()
        harness.signer.accessKeyID = "LTAIunknown"
        let answer = harness.call(.describeRefreshQuota())
        #expect(answer.status == 404 && answer.code == "InvalidAccessKeyId.NotFound")
    }

    @Test("timestamps within 15 minutes pass; beyond is InvalidTimeStamp.Expired; garbage is InvalidTimeStamp.Format")
    func timestamps() {
        let harness = Harness()
        let now = harness.clock.now()
        let inside = Answer(
            harness.service.handle(
                harness.signer.v1(.describeRefreshQuota(), timestamp: now.addingTimeInterval(-14 * 60))))
        #expect(inside.status == 200)
        let late = Answer(
            harness.service.handle(
                harness.signer.v1(.describeRefreshQuota(), timestamp: now.addingTimeInterval(16 * 60))))
        #expect(late.code == "InvalidTimeStamp.Expired")
        var request = harness.signer.v1(.describeRefreshQuota())
        request.query = request.query.replacingOccurrences(of: "Timestamp=", with: "Timestamp=x")
        #expect(Answer(harness.service.handle(request)).code == "InvalidTimeStamp.Format")
    }

    @Test("a nonce used twice within 15 minutes is SignatureNonceUsed")
    func nonceReuse() {
        let harness = Harness()
        #expect(Answer(harness.service.handle(harness.signer.v1(.describeRefreshQuota(), nonce: "same"))).status == 200)
        let again = Answer(harness.service.handle(harness.signer.v1(.describeRefreshQuota(), nonce: "same")))
        #expect(again.code == "SignatureNonceUsed")
    }

    @Test("missing signature parameters, unknown actions and versions are refused with Alibaba's codes")
    func malformedCalls() {
        let harness = Harness()
        var unsigned = harness.signer.v1(.describeRefreshQuota())
        unsigned.query = unsigned.query.components(separatedBy: "&Signature=").first ?? ""
        #expect(Answer(harness.service.handle(unsigned)).code == "IncompleteSignature")
        #expect(harness.call(APIRequest(action: "DeleteEverything")).code == "InvalidAction.NotFound")
        var wrongPath = harness.signer.v1(.describeRefreshQuota())
        wrongPath.path = "/admin"
        #expect(Answer(harness.service.handle(wrongPath)).status == 404)
    }
}
