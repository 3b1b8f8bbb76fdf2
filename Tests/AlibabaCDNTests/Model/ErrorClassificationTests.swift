import Foundation
import Logging
import Testing

@testable import AlibabaCDN

@Suite("Error classification")
struct ErrorClassificationTests {
    static let cases: [(String, Int, ErrorClass)] = [
        ("Throttling.User", 400, .retryable),
        ("Throttling", 503, .retryable),
        ("Throttling.Api", 400, .retryable),
        ("ServiceBusy", 403, .retryable),
        ("TooMany.Refresh", 400, .retryable),
        ("QuotaPerMinuteExceeded.Refresh", 400, .retryable),
        ("SignatureNonceUsed", 400, .retryable),
        ("InternalError", 500, .retryable),
        ("Whatever", 502, .retryable),
        ("Whatever", 429, .retryable),
        ("QuotaExceeded.Refresh", 400, .quota),
        ("InvalidAccessKeyId.NotFound", 404, .authentication),
        ("InvalidAccessKeyId.Inactive", 403, .authentication),
        ("SignatureDoesNotMatch", 400, .authentication),
        ("IncompleteSignature", 400, .authentication),
        ("InvalidSecurityToken.Expired", 403, .authentication),
        ("Forbidden.RAM", 403, .authentication),
        ("InvalidTimeStamp.Expired", 400, .authentication),
        ("InvalidObjectPath.Malformed", 400, .final),
        ("InvalidDomain.NotFound", 404, .final),
        ("SingleRequest.OverLimit", 400, .final),
        ("MissingParameter", 400, .final),
    ]

    @Test("codes map to retryable, final, quota or authentication", arguments: cases)
    func classify(code: String, status: Int, expected: ErrorClass) {
        #expect(APIErrorBody.classify(code: code, httpStatus: status) == expected)
    }

    @Test("per-minute limits wait at least a minute; InvalidObjectPath invites a split")
    func extras() {
        #expect(APIErrorBody(code: "QuotaPerMinuteExceeded.Refresh", message: "").minimumRetryDelaySeconds == 60)
        #expect(APIErrorBody(code: "Throttling.User", message: "").minimumRetryDelaySeconds == nil)
        #expect(APIErrorBody(code: "InvalidObjectPath.Malformed", message: "").isInvalidObjectPath)
        #expect(APIErrorBody(code: "SignatureDoesNotMatch", message: "").hint != nil)
    }

    @Test("transport failures are retryable; only a connection that was never made is known not sent")
    func transport() {
        let notSent = APICallError.transport(TransportFailure(kind: .notSent, detail: ""))
        let lost = APICallError.transport(TransportFailure(kind: .connectionLost, detail: ""))
        let timedOut = APICallError.transport(TransportFailure(kind: .timedOut, detail: ""))
        #expect([notSent, lost, timedOut].allSatisfy { $0.classification == .retryable })
        #expect(!notSent.outcomeIsUnknown && lost.outcomeIsUnknown && timedOut.outcomeIsUnknown)
        #expect(APICallError.unexpectedResponse(httpStatus: 502, detail: "").classification == .retryable)
        #expect(APICallError.unexpectedResponse(httpStatus: 400, detail: "").classification == .final)
    }
}
