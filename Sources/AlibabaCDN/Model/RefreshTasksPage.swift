/// `DescribeRefreshTasks` answer: one page of tasks, nested as `Tasks.CDNTask`.
package struct RefreshTasksPage: Sendable, Equatable, Decodable {
    package var tasks: [RefreshTask]
    package var pageNumber: Int
    package var pageSize: Int
    package var totalCount: Int
    package var requestID: String

    package init(tasks: [RefreshTask], pageNumber: Int, pageSize: Int, totalCount: Int, requestID: String) {
        self.tasks = tasks
        self.pageNumber = pageNumber
        self.pageSize = pageSize
        self.totalCount = totalCount
        self.requestID = requestID
    }

    private struct TaskList: Decodable {
        var cdnTask: [RefreshTask]?

        enum CodingKeys: String, CodingKey {
            case cdnTask = "CDNTask"
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        if let key = container.allKeys.first(where: { $0.stringValue == "Tasks" }) {
            tasks = try container.decode(TaskList.self, forKey: key).cdnTask ?? []
        } else {
            tasks = []
        }
        pageNumber = try container.flexibleInt("PageNumber") ?? 1
        pageSize = try container.flexibleInt("PageSize") ?? tasks.count
        totalCount = try container.flexibleInt("TotalCount") ?? tasks.count
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}
