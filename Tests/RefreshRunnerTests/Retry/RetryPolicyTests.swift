import AlibabaCDN
import Testing

@testable import RefreshRunner

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.5, maxDelay: 30)

    func api(_ code: String, status: Int = 400, retryAfter: Double? = nil) -> APICallError {
        .api(APIFailure(httpStatus: status, body: APIErrorBody(code: code, message: ""), retryAfterSeconds: retryAfter))
    }

    @Test("full jitter: uniform up to an exponentially growing cap")
    func fullJitter() {
        #expect(policy.delay(attempts: 1, jitter: 1) == 0.5)
        #expect(policy.delay(attempts: 3, jitter: 1) == 2)
        #expect(policy.delay(attempts: 3, jitter: 0.25) == 0.5)
        #expect(policy.delay(attempts: 3, jitter: 0) == 0)
        #expect(policy.delay(attempts: 20, jitter: 1) == 30)
    }

    @Test("x-acs-retry-after and the per-minute limit set a floor")
    func floors() {
        #expect(policy.delay(after: api("Throttling.User", retryAfter: 2), attempts: 1, jitter: 0.1) == 2)
        #expect(policy.delay(after: api("QuotaPerMinuteExceeded.Refresh"), attempts: 1, jitter: 0.5) == 60)
    }

    @Test("final, quota and authentication errors are not retried; attempts run out")
    func limits() {
        #expect(policy.delay(after: api("InvalidObjectPath.Malformed"), attempts: 1, jitter: 0.5) == nil)
        #expect(policy.delay(after: api("QuotaExceeded.Refresh"), attempts: 1, jitter: 0.5) == nil)
        #expect(policy.delay(after: api("SignatureDoesNotMatch"), attempts: 1, jitter: 0.5) == nil)
        #expect(policy.delay(after: api("ServiceUnavailable", status: 503), attempts: 4, jitter: 0.5) != nil)
        #expect(policy.delay(after: api("ServiceUnavailable", status: 503), attempts: 5, jitter: 0.5) == nil)
    }
}
