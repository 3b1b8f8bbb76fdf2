/// What happened to one URL's prefetch: the report's `prefetch` and `prefetch_task_id` columns.
package struct PrefetchOutcome: Sendable, Equatable {
    package enum Status: String, Sendable, Equatable {
        case submitted, complete, failed, deferred
    }

    package var status: Status
    package var taskID = ""
    /// Why it was deferred or failed.
    package var message = ""

    package init(status: Status, taskID: String = "", message: String = "") {
        self.status = status
        self.taskID = taskID
        self.message = message
    }
}
