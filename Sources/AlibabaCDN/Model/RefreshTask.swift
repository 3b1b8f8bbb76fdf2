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
