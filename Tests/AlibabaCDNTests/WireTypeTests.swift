import Foundation
import Logging
import Testing

@testable import AlibabaCDN

@Suite("Wire types")
struct WireTypeTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test("RefreshObjectCaches: several task IDs split on commas")
    func refreshResponse() throws {
        let response = try decode(
            TaskSubmissionResponse.self, #"{"RefreshTaskId":"704222904, 704222905","RequestId":"D61E4801"}"#)
        #expect(response.taskIDs == ["704222904", "704222905"])
        #expect(response.requestID == "D61E4801")
        let numeric = try decode(TaskSubmissionResponse.self, #"{"RefreshTaskId":704222904,"RequestId":"R"}"#)
        #expect(numeric.taskIDs == ["704222904"])
        let push = try decode(TaskSubmissionResponse.self, #"{"PushTaskId":"9524","RequestId":"R"}"#)
        #expect(push.taskIDs == ["9524"])
    }

    @Test("DescribeRefreshQuota: strings or numbers, any key case")
    func quota() throws {
        let strings = try decode(
            RefreshQuotaResponse.self,
            #"{"UrlQuota":"2000","UrlRemain":"1996","DirQuota":"100","DirRemain":"99","RegexQuota":"20","RegexRemain":"20","IgnoreParamsQuota":"100","IgnoreParamsRemain":"100","PreloadQuota":"500","PreloadRemain":"400","BlockQuota":"100","RequestId":"42"}"#
        )
        #expect(strings.urlRemain == 1996 && strings.directoryRemain == 99 && strings.preloadRemain == 400)
        let numbers = try decode(
            RefreshQuotaResponse.self,
            #"{"UrlQuota":10000,"UrlRemain":9000,"DirQuota":100,"DirRemain":100,"blockRemain":10}"#)
        #expect(numbers.urlRemain == 9000 && numbers.urlQuota == 10000 && numbers.regexRemain == 0)
        #expect(throws: DecodingError.self) { try decode(RefreshQuotaResponse.self, #"{"RequestId":"x"}"#) }
    }

    @Test("DescribeRefreshTasks nests Tasks.CDNTask; DescribeRefreshTaskById is flat")
    func tasks() throws {
        let page = try decode(
            RefreshTasksPage.self,
            #"{"Tasks":{"CDNTask":[{"TaskId":"704225667","ObjectPath":"http://aaa.com/1.txt","Status":"Complete","Process":"100%","ObjectType":"file","CreationTime":"2014-11-27T08:23:22Z","Description":""}]},"PageNumber":1,"PageSize":10,"TotalCount":2,"RequestId":"174F6032"}"#
        )
        #expect(page.tasks.map(\.objectPath) == ["http://aaa.com/1.txt"])
        #expect(page.totalCount == 2 && page.pageSize == 10)
        #expect(page.tasks[0].isFinished)
        let byID = try decode(
            RefreshTasksByID.self,
            #"{"RequestId":"R","TotalCount":"1","Tasks":[{"TaskId":"1","ObjectPath":"https://a.com/","Status":"Failed","Process":"0%","ObjectType":"directory","CreationTime":"2026-11-24T00:00:00Z","Description":"Origin Timeout"}]}"#
        )
        #expect(byID.tasks.first?.description == "Origin Timeout")
        #expect(byID.totalCount == 1)
    }

    @Test("an error body with Recommend")
    func errorBody() throws {
        let body = try decode(
            APIErrorBody.self,
            #"{"RequestId":"R","HostId":"cdn.aliyuncs.com","Code":"QuotaExceeded.Refresh","Message":"Your refresh attempts have exceeded the daily limit.","Recommend":"https://api.aliyun.com/troubleshoot?q=QuotaExceeded.Refresh"}"#
        )
        #expect(body.code == "QuotaExceeded.Refresh" && body.hostID == "cdn.aliyuncs.com")
        #expect(body.recommend.hasPrefix("https://api.aliyun.com/troubleshoot"))
    }

    @Test("timestamps are UTC without fractions, and round-trip")
    func timestamps() {
        #expect(APITimestamp.format(Date(timeIntervalSince1970: 1_704_067_200.9)) == "2024-01-01T00:00:00Z")
        #expect(APITimestamp.format(Date(timeIntervalSince1970: 951_782_399)) == "2000-02-28T23:59:59Z")
        #expect(APITimestamp.parse("2016-02-23T12:46:24Z") == Date(timeIntervalSince1970: 1_456_231_584))
        #expect(APITimestamp.parse("2016-02-23 12:46:24") == nil)
        let now = Date(timeIntervalSince1970: 1_795_456_800)
        #expect(APITimestamp.parse(APITimestamp.format(now)) == now)
    }
}

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

@Suite("Endpoints")
struct EndpointTests {
    @Test("https anywhere, http only on loopback")
    func validation() {
        #expect(
            (try? Endpoint.parse("https://cdn.aliyuncs.com").get())?.absoluteString
                == "https://cdn.aliyuncs.com")
        #expect(
            (try? Endpoint.parse("http://127.0.0.1:8080/").get())?.absoluteString
                == "http://127.0.0.1:8080")
        #expect((try? Endpoint.parse("http://localhost:9").get()) != nil)
        #expect((try? Endpoint.parse("http://[::1]:9").get()) != nil)
        #expect(
            Endpoint.parse("http://cdn.aliyuncs.com")
                == .failure(.plainHTTPNotLoopback("http://cdn.aliyuncs.com")))
        #expect(
            Endpoint.parse("http://127.0.0.1.evil.com")
                == .failure(.plainHTTPNotLoopback("http://127.0.0.1.evil.com")))
        #expect(Endpoint.parse("ftp://x") == .failure(.malformed("ftp://x")))
        #expect(
            Endpoint.parse("https://cdn.aliyuncs.com/api?x=1")
                == .failure(.malformed("https://cdn.aliyuncs.com/api?x=1")))
    }
}

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
