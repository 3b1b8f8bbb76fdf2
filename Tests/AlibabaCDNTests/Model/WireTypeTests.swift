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
