import Foundation

/// One API call: the action and its own parameters (the common ones and the signature are added when sent).
package struct APIRequest: Sendable, Equatable {
    /// The API version all operations here belong to.
    package static let version = "2018-05-10"

    package var action: String
    /// The API version of the action (the CDN's, unless another product's: STS is `2015-04-01`).
    package var version: String
    /// Operation parameters sent in the query string.
    package var query: [String: String]
    /// Operation parameters sent in the form body.
    package var form: [String: String]

    package init(
        action: String, version: String = APIRequest.version, query: [String: String] = [:],
        form: [String: String] = [:]
    ) {
        self.action = action
        self.version = version
        self.query = query
        self.form = form
    }

    /// A call of one of the CDN's own actions.
    package init(_ action: APIAction, query: [String: String] = [:], form: [String: String] = [:]) {
        self.init(action: action.rawValue, query: query, form: form)
    }

    /// `RefreshObjectCaches`: `ObjectPath`, `ObjectType` and `Force` go in the body, where the API's metadata
    /// has placed them since November 2024 (a 1,000-URL path would not fit a query string).
    package static func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool? = nil)
        -> APIRequest
    {
        var form = ["ObjectPath": objectPath, "ObjectType": objectType.rawValue]
        if let force { form["Force"] = force ? "true" : "false" }
        return APIRequest(.refreshObjectCaches, form: form)
    }

    /// `PushObjectCache` (prefetch).
    package static func pushObjectCache(objectPath: String, area: String? = nil) -> APIRequest {
        var query = ["ObjectPath": objectPath]
        if let area { query["Area"] = area }
        return APIRequest(.pushObjectCache, query: query)
    }

    /// `DescribeRefreshQuota`.
    package static func describeRefreshQuota() -> APIRequest {
        APIRequest(.describeRefreshQuota)
    }

    /// `DescribeRefreshTaskById` for up to 10 task IDs.
    package static func describeRefreshTaskByID(_ taskIDs: [String]) -> APIRequest {
        precondition(!taskIDs.isEmpty && taskIDs.count <= 10, "DescribeRefreshTaskById takes 1 to 10 task IDs")
        return APIRequest(.describeRefreshTaskByID, query: ["TaskId": taskIDs.joined(separator: ",")])
    }

    /// `DescribeRefreshTasks` with the given filters.
    package static func describeRefreshTasks(_ filter: RefreshTasksFilter) -> APIRequest {
        var query: [String: String] = [
            "PageNumber": String(filter.pageNumber), "PageSize": String(filter.pageSize),
        ]
        if let value = filter.taskID { query["TaskId"] = value }
        if let value = filter.objectPath { query["ObjectPath"] = value }
        if let value = filter.domainName { query["DomainName"] = value }
        if let value = filter.objectType { query["ObjectType"] = value }
        if let value = filter.status { query["Status"] = value }
        if let value = filter.startTime { query["StartTime"] = APITimestamp.format(value) }
        if let value = filter.endTime { query["EndTime"] = APITimestamp.format(value) }
        return APIRequest(.describeRefreshTasks, query: query)
    }

    /// `DescribeCdnDomainLogs`: one page of a domain's hourly offline logs overlapping `[start, end)`.
    package static func describeCdnDomainLogs(domain: String, start: Date, end: Date, pageNumber: Int, pageSize: Int)
        -> APIRequest
    {
        APIRequest(
            .describeCdnDomainLogs,
            query: [
                "DomainName": domain, "StartTime": APITimestamp.format(start), "EndTime": APITimestamp.format(end),
                "PageNumber": String(pageNumber), "PageSize": String(pageSize),
            ])
    }
}
