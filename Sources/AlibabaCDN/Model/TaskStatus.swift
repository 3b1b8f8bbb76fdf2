/// The status of a refresh or prefetch task.
package enum TaskStatus: String, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case refreshing = "Refreshing"
    case complete = "Complete"
    case failed = "Failed"

    /// Whether the task has finished (`Complete` or `Failed`).
    package var isFinished: Bool { self == .complete || self == .failed }
}
