import AlibabaCDN
import CDNRefresh
import Foundation

/// How to find out whether a request whose answer was lost was accepted: `DescribeRefreshTasks` look-ups.
///
/// A handful of URLs are looked up one by one (`ObjectPath`, exact match); a larger request by domain and
/// time window (`DomainName` + `ObjectType` + `StartTime`/`EndTime`, 100 a page), matched locally — a 1,000-URL request
/// costs a few pages instead of 1,000 calls (the API allows 10 a second).
enum LookupPlan {
    /// The look-ups for `urls`, sent at `sentAt` as tasks of `objectType` (as `DescribeRefreshTasks` names it:
    /// `file`, `directory`, `preload` …).
    static func filters(urls: [String], objectType: String, sentAt: Date, slackSeconds: Double, perURLLimit: Int)
        -> [RefreshTasksFilter]
    {
        // The request's own time window, widened by the slack for clock differences and processing time, so a
        // later refresh of the same URL (by another tool, another day) is not mistaken for this one.
        let start = sentAt.addingTimeInterval(-slackSeconds)
        let end = sentAt.addingTimeInterval(slackSeconds)
        if urls.count <= perURLLimit {
            return urls.map {
                RefreshTasksFilter(objectPath: $0, objectType: objectType, startTime: start, endTime: end, pageSize: 20)
            }
        }
        var domains: [String] = []
        for url in urls {
            let domain = Candidate.domain(of: url)
            if !domains.contains(domain) { domains.append(domain) }
        }
        return domains.map {
            RefreshTasksFilter(
                domainName: $0, objectType: objectType, startTime: start, endTime: end, pageNumber: 1, pageSize: 100)
        }
    }

    /// Adds the page's tasks for `wanted` URLs to `found` (URL → task ID; the first sighting wins).
    static func collect(_ page: RefreshTasksPage, wanted: Set<String>, into found: inout [String: String]) {
        for task in page.tasks where wanted.contains(task.objectPath) && found[task.objectPath] == nil {
            found[task.objectPath] = task.taskID
        }
    }

    /// The next page of a domain look-up, if the answer says there is one.
    static func nextPage(after filter: RefreshTasksFilter, page: RefreshTasksPage) -> RefreshTasksFilter? {
        guard filter.domainName != nil, !page.tasks.isEmpty, page.pageNumber * max(page.pageSize, 1) < page.totalCount
        else { return nil }
        var next = filter
        next.pageNumber = page.pageNumber + 1
        return next
    }
}
