/// `RefreshObjectCaches` and `PushObjectCache` answer: the task IDs (comma-separated, one per domain) and the
/// request ID.
package struct TaskSubmissionResponse: Sendable, Equatable, Decodable {
    /// The raw `RefreshTaskId` / `PushTaskId` value.
    package var taskIDField: String
    package var requestID: String

    package init(taskIDField: String, requestID: String) {
        self.taskIDField = taskIDField
        self.requestID = requestID
    }

    /// The task IDs, split on `,`.
    package var taskIDs: [String] {
        taskIDField.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        taskIDField = try container.flexibleString("RefreshTaskId") ?? container.flexibleString("PushTaskId") ?? ""
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}

/// `DescribeRefreshQuota` answer: daily quota and what remains, per type (strings or numbers on the wire).
package struct RefreshQuotaResponse: Sendable, Equatable, Decodable {
    package var urlQuota: Int
    package var urlRemain: Int
    package var directoryQuota: Int
    package var directoryRemain: Int
    package var regexQuota: Int
    package var regexRemain: Int
    package var ignoreParamsQuota: Int
    package var ignoreParamsRemain: Int
    package var preloadQuota: Int
    package var preloadRemain: Int
    package var requestID: String

    package init(
        urlQuota: Int, urlRemain: Int, directoryQuota: Int, directoryRemain: Int, regexQuota: Int,
        regexRemain: Int, ignoreParamsQuota: Int, ignoreParamsRemain: Int, preloadQuota: Int, preloadRemain: Int,
        requestID: String
    ) {
        self.urlQuota = urlQuota
        self.urlRemain = urlRemain
        self.directoryQuota = directoryQuota
        self.directoryRemain = directoryRemain
        self.regexQuota = regexQuota
        self.regexRemain = regexRemain
        self.ignoreParamsQuota = ignoreParamsQuota
        self.ignoreParamsRemain = ignoreParamsRemain
        self.preloadQuota = preloadQuota
        self.preloadRemain = preloadRemain
        self.requestID = requestID
    }

    /// Decodes with field names matched regardless of case; a missing number is 0, a missing `UrlRemain` an
    /// error (the answer is useless without it).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        guard let urlRemain = try container.flexibleInt("UrlRemain") else {
            throw DecodingError.keyNotFound(
                AnyCodingKey(stringValue: "UrlRemain"),
                .init(codingPath: [], debugDescription: "DescribeRefreshQuota answer has no UrlRemain"))
        }
        self.urlRemain = urlRemain
        urlQuota = try container.flexibleInt("UrlQuota") ?? 0
        directoryQuota = try container.flexibleInt("DirQuota") ?? 0
        directoryRemain = try container.flexibleInt("DirRemain") ?? 0
        regexQuota = try container.flexibleInt("RegexQuota") ?? 0
        regexRemain = try container.flexibleInt("RegexRemain") ?? 0
        ignoreParamsQuota = try container.flexibleInt("IgnoreParamsQuota") ?? 0
        ignoreParamsRemain = try container.flexibleInt("IgnoreParamsRemain") ?? 0
        preloadQuota = try container.flexibleInt("PreloadQuota") ?? 0
        preloadRemain = try container.flexibleInt("PreloadRemain") ?? 0
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}

/// One URL of a refresh or prefetch task.
package struct RefreshTask: Sendable, Equatable, Codable {
    package var taskID: String
    package var objectPath: String
    /// `Pending`, `Refreshing`, `Complete` or `Failed`.
    package var status: String
    /// A percentage such as `"100%"`.
    package var process: String
    /// The lower-case type, such as `file`, `directory`, `regex` or `preload`.
    package var objectType: String
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    package var creationTime: String
    /// Why a task failed, when it did.
    package var description: String

    enum CodingKeys: String, CodingKey {
        case taskID = "TaskId"
        case objectPath = "ObjectPath"
        case status = "Status"
        case process = "Process"
        case objectType = "ObjectType"
        case creationTime = "CreationTime"
        case description = "Description"
    }

    package init(
        taskID: String, objectPath: String, status: String, process: String, objectType: String,
        creationTime: String, description: String = ""
    ) {
        self.taskID = taskID
        self.objectPath = objectPath
        self.status = status
        self.process = process
        self.objectType = objectType
        self.creationTime = creationTime
        self.description = description
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        taskID = try container.flexibleString("TaskId") ?? ""
        objectPath = try container.flexibleString("ObjectPath") ?? ""
        status = try container.flexibleString("Status") ?? ""
        process = try container.flexibleString("Process") ?? ""
        objectType = try container.flexibleString("ObjectType") ?? ""
        creationTime = try container.flexibleString("CreationTime") ?? ""
        description = try container.flexibleString("Description") ?? ""
    }

    /// The status, when it is one of the documented ones.
    package var taskStatus: TaskStatus? { TaskStatus(rawValue: status) }

    /// Whether the task has finished (`Complete` or `Failed`).
    package var isFinished: Bool { taskStatus?.isFinished ?? false }
}

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

/// `DescribeRefreshTaskById` answer: a flat `Tasks` array.
package struct RefreshTasksByID: Sendable, Equatable, Decodable {
    package var tasks: [RefreshTask]
    package var totalCount: Int
    package var requestID: String

    package init(tasks: [RefreshTask], totalCount: Int, requestID: String) {
        self.tasks = tasks
        self.totalCount = totalCount
        self.requestID = requestID
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        if let key = container.allKeys.first(where: { $0.stringValue == "Tasks" }) {
            tasks = try container.decode([RefreshTask].self, forKey: key)
        } else {
            tasks = []
        }
        totalCount = try container.flexibleInt("TotalCount") ?? tasks.count
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
