import Foundation

/// The filters of `DescribeRefreshTasks`.
package struct RefreshTasksFilter: Sendable, Equatable {
    package var taskID: String?
    /// Exact match of one URL.
    package var objectPath: String?
    package var domainName: String?
    /// Lower case (`file`, `directory` …); required with `domainName` or `status`.
    package var objectType: String?
    package var status: String?
    package var startTime: Date?
    package var endTime: Date?
    package var pageNumber: Int
    /// At most 100.
    package var pageSize: Int

    package init(
        taskID: String? = nil, objectPath: String? = nil, domainName: String? = nil, objectType: String? = nil,
        status: String? = nil, startTime: Date? = nil, endTime: Date? = nil, pageNumber: Int = 1, pageSize: Int = 100
    ) {
        self.taskID = taskID
        self.objectPath = objectPath
        self.domainName = domainName
        self.objectType = objectType
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }
}
