import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: RefreshObjectCaches rules")
struct EmulatorRefreshTests {
    @Test("1,000 URLs pass; 1,001 is SingleRequest.OverLimit")
    func urlLimit() {
        let harness = Harness(EmulatorConfiguration(urlQuota: 10_000))
        let urls = (0..<1001).map { "https://a.example.com/\($0).png" }
        #expect(harness.refresh(Array(urls.prefix(1000))).status == 200)
        #expect(harness.refresh(urls).code == "SingleRequest.OverLimit")
    }

    @Test("100 directories pass; 101 is SingleRequest.OverLimit; a directory without a final / is malformed")
    func directoryRules() {
        let harness = Harness(EmulatorConfiguration(directoryQuota: 1000))
        let directories = (0..<101).map { "https://a.example.com/d\($0)/" }
        #expect(harness.refresh(Array(directories.prefix(100)), type: .directory).status == 200)
        #expect(harness.refresh(directories, type: .directory).code == "SingleRequest.OverLimit")
        let noSlash = harness.refresh(["https://a.example.com/static"], type: .directory)
        #expect(noSlash.code == "InvalidObjectPath.Malformed")
        #expect(noSlash.message.contains("does not end with /"))
    }

    @Test("one regex per request")
    func regexRule() {
        let harness = Harness()
        #expect(harness.refresh(["http://www.example.com/[0-9][a-z].*.jpg"], type: .regex).status == 200)
        #expect(
            harness.refresh(["http://a.com/.*", "http://b.com/.*"], type: .regex).code == "SingleRequest.OverLimit")
    }

    static let malformed: [(String, String)] = [
        ("ftp://a.example.com/x", "InvalidObjectPath.Malformed"),
        ("a.example.com/x", "InvalidObjectPath.Malformed"),
        ("https://a.example.com/a b.png", "InvalidObjectPath.Malformed"),
        ("https://a.example.com/中文.png", "InvalidObjectPath.Malformed"),
        ("https://a.example.com/100%", "InvalidObjectPath.Malformed"),
        ("https://a.example.com/" + String(repeating: "x", count: 1100), "InvalidObjectPath.Malformed"),
        ("https://*.example.com/x", "InvalidExtensiveDomain.ValueNotSupported"),
        ("https:///x", "InvalidObjectPath.Malformed"),
    ]

    @Test("only http(s) URLs with a domain, encoded, up to 1,024 characters", arguments: malformed)
    func urlShape(url: String, code: String) {
        #expect(Harness().refresh([url]).code == code)
    }

    @Test("encoded URLs, queries and ports are accepted")
    func encodedAccepted() {
        let answer = Harness().refresh([
            "https://a.example.com/%E4%B8%AD%E6%96%87.png?v=1&x=%2F", "http://a.example.com:8080/x,y;z=1",
        ])
        #expect(answer.status == 200)
    }

    @Test("at most 10 domains; one task ID per domain, comma-separated")
    func domains() throws {
        let harness = Harness()
        let eleven = (0..<11).map { "https://d\($0).example.com/x" }
        #expect(harness.refresh(eleven).code == "InvalidObjectPath.Malformed")
        let answer = harness.refresh(["https://a.example.com/1", "https://b.example.com/2", "https://a.example.com/3"])
        let ids = try answer.decode(TaskSubmissionResponse.self).taskIDs
        #expect(ids.count == 2 && ids[0] != ids[1])
    }

    @Test("a missing ObjectPath, an empty entry and an unknown ObjectType are refused")
    func parameters() {
        let harness = Harness()
        #expect(harness.call(APIRequest(action: "RefreshObjectCaches")).code == "MissingParameter")
        #expect(harness.refresh(["https://a.example.com/1", ""]).code == "InvalidObjectPath.Malformed")
        let badType = harness.call(
            APIRequest(action: "RefreshObjectCaches", form: ["ObjectPath": "https://a.com/x", "ObjectType": "Folder"]))
        #expect(badType.code == "InvalidObjectType.ValueNotSupported")
        let crlf = harness.call(
            APIRequest(action: "RefreshObjectCaches", form: ["ObjectPath": "https://a.com/x\r\nhttps://a.com/y"]))
        #expect(crlf.status == 200)
    }

    @Test("Directory, IgnoreParams and Regex have their own pools, enforced and reported by DescribeRefreshQuota")
    func separatePools() throws {
        let harness = Harness(
            EmulatorConfiguration(urlQuota: 1, directoryQuota: 2, regexQuota: 1, ignoreParamsQuota: 2))
        #expect(harness.refresh(["https://a.com/d1/", "https://a.com/d2/"], type: .directory).status == 200)
        #expect(harness.refresh(["https://a.com/d3/"], type: .directory).code == "QuotaExceeded.Refresh")
        #expect(harness.refresh(["https://a.com/p.js"], type: .ignoreParams).status == 200)
        #expect(
            harness.refresh(["https://a.com/x.js", "https://a.com/y.js"], type: .ignoreParams).code
                == "QuotaExceeded.Refresh")
        #expect(harness.refresh(["https://a.com/.*\\.css"], type: .regex).status == 200)
        #expect(harness.refresh(["https://a.com/.*\\.js"], type: .regex).code == "QuotaExceeded.Refresh")
        // The URL pool is untouched by all of that.
        #expect(harness.refresh(["https://a.com/1.png"]).status == 200)
        let quota = try harness.call(.describeRefreshQuota()).decode(RefreshQuotaResponse.self)
        #expect(quota.directoryRemain == 0 && quota.directoryQuota == 2)
        #expect(quota.ignoreParamsRemain == 1 && quota.ignoreParamsQuota == 2)
        #expect(quota.regexRemain == 0 && quota.regexQuota == 1)
        #expect(quota.urlRemain == 0)
    }

    @Test("Force is accepted as true or false and refused otherwise")
    func force() {
        let harness = Harness()
        let directory = "https://a.com/static/"
        for value in [true, false] {
            let answer = harness.call(.refreshObjectCaches(objectPath: directory, objectType: .directory, force: value))
            #expect(answer.status == 200)
        }
        var request = APIRequest.refreshObjectCaches(objectPath: directory, objectType: .directory)
        request.form["Force"] = "yes"
        let refused = harness.call(request)
        #expect(refused.code == "InvalidParameter" && refused.message.contains("Force"))
    }

    @Test("an IgnoreParams entry with a query is malformed; without one it is accepted")
    func ignoreParamsEntries() {
        let harness = Harness()
        let refused = harness.refresh(["https://a.com/app.js?v=2"], type: .ignoreParams)
        #expect(refused.code == "InvalidObjectPath.Malformed" && refused.message.contains("query"))
        #expect(harness.refresh(["https://a.com/app.js"], type: .ignoreParams).status == 200)
    }

    @Test("the daily quota: a request that does not fit is refused whole; it resets at 00:00 UTC+8")
    func quotaAndReset() throws {
        // 15:59:50 UTC is 23:59:50 in UTC+8.
        let harness = Harness(EmulatorConfiguration(urlQuota: 5), start: Date(timeIntervalSince1970: 1_795_449_590))
        #expect(harness.refresh(["https://a.com/1", "https://a.com/2", "https://a.com/3"]).status == 200)
        let over = harness.refresh(["https://a.com/4", "https://a.com/5", "https://a.com/6"])
        #expect(over.code == "QuotaExceeded.Refresh" && over.status == 400)
        let quota = try harness.call(.describeRefreshQuota()).decode(RefreshQuotaResponse.self)
        #expect(quota.urlRemain == 2 && quota.urlQuota == 5)
        harness.clock.advance(by: 9)  // 23:59:59 UTC+8: same day
        #expect(
            harness.refresh(["https://a.com/7", "https://a.com/8", "https://a.com/9"]).code == "QuotaExceeded.Refresh")
        harness.clock.advance(by: 2)  // 00:00:01 UTC+8: a new day
        #expect(harness.refresh(["https://a.com/7", "https://a.com/8", "https://a.com/9"]).status == 200)
        #expect(try harness.call(.describeRefreshQuota()).decode(RefreshQuotaResponse.self).urlRemain == 2)
    }

    @Test("PushObjectCache: up to 100 URLs, its own quota")
    func push() throws {
        let harness = Harness(EmulatorConfiguration(preloadQuota: 150))
        let urls = (0..<101).map { "https://a.example.com/\($0)" }
        let ok = harness.call(.pushObjectCache(objectPath: urls.prefix(100).joined(separator: "\n")))
        #expect(ok.status == 200 && (ok.json["PushTaskId"] as? String)?.isEmpty == false)
        #expect(
            harness.call(.pushObjectCache(objectPath: urls.joined(separator: "\n"))).code
                == "InvalidObjectPath.Size.Malformed")
        #expect(
            harness.call(.pushObjectCache(objectPath: urls.prefix(60).joined(separator: "\n"))).code
                == "QuotaExceeded.Preload")
    }
}

@Suite("Emulator: throttling, tasks, faults")
struct EmulatorBehaviourTests {
    @Test("no sliding one-second window admits more than --qps calls; Throttling.User carries x-acs-retry-after")
    func slidingWindow() {
        let harness = Harness(EmulatorConfiguration(urlQuota: 10_000, qps: 5))
        for index in 0..<3 { #expect(harness.refresh(["https://a.com/\(index)"]).status == 200) }
        harness.clock.advance(by: 0.6)
        for index in 3..<5 { #expect(harness.refresh(["https://a.com/\(index)"]).status == 200) }
        harness.clock.advance(by: 0.3)  // t = 0.9: five calls in the last second
        let refused = harness.refresh(["https://a.com/5"])
        #expect(refused.status == 400 && refused.code == "Throttling.User")
        #expect(refused.headers["x-acs-retry-after"] == "100")
        harness.clock.advance(by: 0.1)  // t = 1.0: the first three left the window
        for index in 5..<8 { #expect(harness.refresh(["https://a.com/\(index)"]).status == 200) }
        #expect(harness.refresh(["https://a.com/9"]).code == "Throttling.User")
        let statistics = harness.service.statistics()
        #expect(statistics.throttled == 2)
        #expect(statistics.busiestSecond == 5)
    }

    @Test("DescribeRefreshTasks has its own limit of 10 calls a second")
    func describeLimit() {
        let harness = Harness(EmulatorConfiguration(qps: 50))
        for _ in 0..<10 { #expect(harness.call(.describeRefreshTasks(RefreshTasksFilter())).status == 200) }
        #expect(harness.call(.describeRefreshTasks(RefreshTasksFilter())).code == "Throttling.User")
        #expect(harness.call(.describeRefreshQuota()).status == 200)
    }

    @Test("tasks move Pending → Refreshing → Complete after --complete-after")
    func taskLifecycle() throws {
        let harness = Harness(EmulatorConfiguration(completeAfterSeconds: 5))
        let ids = try harness.refresh(["https://a.com/x", "https://a.com/y"]).decode(TaskSubmissionResponse.self)
            .taskIDs
        func statuses() throws -> [String] {
            try harness.call(.describeRefreshTaskByID(ids)).decode(RefreshTasksByID.self).tasks.map(\.status)
        }
        harness.clock.advance(by: 0.5)
        #expect(try statuses() == ["Pending", "Pending"])
        harness.clock.advance(by: 2)
        #expect(try statuses() == ["Refreshing", "Refreshing"])
        harness.clock.advance(by: 3)
        #expect(try statuses() == ["Complete", "Complete"])
        #expect(harness.call(.describeRefreshTaskByID(Array(repeating: "1", count: 10))).status == 200)
        let eleven = harness.call(
            APIRequest(
                action: "DescribeRefreshTaskById",
                query: ["TaskId": Array(repeating: "1", count: 11).joined(separator: ",")]))
        #expect(eleven.code == "InvalidTaskId.Malformed")
    }

    @Test("DescribeRefreshTasks filters by path, domain and time, pages, and requires ObjectType with a domain")
    func describeTasks() throws {
        let harness = Harness()
        _ = harness.refresh(["https://a.com/1", "https://a.com/2", "https://b.com/3"])
        harness.clock.advance(by: 60)
        _ = harness.refresh(["https://a.com/4"])
        let byPath = try harness.call(.describeRefreshTasks(RefreshTasksFilter(objectPath: "https://a.com/2")))
            .decode(RefreshTasksPage.self)
        #expect(byPath.tasks.map(\.objectPath) == ["https://a.com/2"])
        #expect(harness.call(.describeRefreshTasks(RefreshTasksFilter(domainName: "a.com"))).code == "MissingParameter")
        let page = try harness.call(
            .describeRefreshTasks(RefreshTasksFilter(domainName: "a.com", objectType: "file", pageSize: 2))
        ).decode(RefreshTasksPage.self)
        #expect(page.totalCount == 3 && page.tasks.map(\.objectPath) == ["https://a.com/4", "https://a.com/2"])
        let early = try harness.call(
            .describeRefreshTasks(
                RefreshTasksFilter(
                    startTime: harness.clock.now().addingTimeInterval(-120),
                    endTime: harness.clock.now().addingTimeInterval(-30)))
        ).decode(RefreshTasksPage.self)
        #expect(early.totalCount == 3)
        #expect(
            harness.call(APIRequest(action: "DescribeRefreshTasks", query: ["PageSize": "101"])).code
                == "InvalidParameter")
        harness.clock.advance(by: 3 * 86_400)
        #expect(
            try harness.call(.describeRefreshTasks(RefreshTasksFilter())).decode(RefreshTasksPage.self).totalCount == 1)
    }

    @Test("--error-rate answers 503 before accepting anything")
    func injectedErrors() throws {
        let harness = Harness(EmulatorConfiguration(errorRate: 1))
        let answer = harness.refresh(["https://a.com/x"])
        #expect(answer.status == 503 && answer.code == "ServiceUnavailable")
        #expect(harness.service.acceptedCounts().isEmpty)
    }

    @Test("--drop-rate accepts the request, then drops the connection")
    func injectedDrops() {
        let harness = Harness(EmulatorConfiguration(dropRate: 1))
        #expect(harness.refresh(["https://a.com/x"]).dropped)
        #expect(harness.service.acceptedCounts() == ["https://a.com/x": 1])
    }

    @Test("the same seed gives the same faults for the same calls")
    func seededFaults() {
        func pattern(seed: UInt64) -> [Int] {
            let harness = Harness(EmulatorConfiguration(urlQuota: 1000, errorRate: 0.3, dropRate: 0.3, seed: seed))
            return (0..<40).map { index in
                let answer = harness.refresh(["https://a.com/\(index)"])
                return answer.dropped ? -1 : answer.status
            }
        }
        #expect(pattern(seed: 7) == pattern(seed: 7))
        #expect(pattern(seed: 7) != pattern(seed: 8))
        #expect(Set(pattern(seed: 7)) == [200, 503, -1])
    }
}
