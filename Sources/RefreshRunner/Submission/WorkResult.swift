import AlibabaCDN

/// The answer to a work item.
enum WorkResult: Sendable {
    case written(Result<TaskSubmissionResponse, APICallError>)
    case lookedUp(Result<RefreshTasksPage, APICallError>)
    case polled(Result<RefreshTasksByID, APICallError>)
}
