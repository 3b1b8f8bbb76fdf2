import AlibabaCDN
import CDNRefresh
import Foundation

/// The answer to a work item.
enum WorkResult: Sendable {
    case refreshed(Result<TaskSubmissionResponse, APICallError>)
    case lookedUp(Result<RefreshTasksPage, APICallError>)
    case polled(Result<RefreshTasksByID, APICallError>)
}
