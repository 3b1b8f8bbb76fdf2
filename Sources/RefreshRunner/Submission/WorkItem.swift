import AlibabaCDN
import CDNRefresh
import Foundation

/// One API call the submission has to make.
struct WorkItem: Sendable {
    enum Kind: Sendable {
        /// A RefreshObjectCaches attempt.
        case refresh(RefreshWork)
        /// A DescribeRefreshTasks look-up that settles a lost answer.
        case lookup(LookupWork)
        /// A DescribeRefreshTaskById poll while waiting for tasks.
        case poll(PollWork)
    }

    var id: Int
    var kind: Kind
    /// Not to start before this time (retries, polls).
    var notBefore: Double
    /// Lower goes first: the batch number for refreshes and look-ups, after all of them for polls.
    var priority: Int

    /// The API action, for the rate limiter.
    var action: APIAction {
        switch kind {
        case .refresh: .refreshObjectCaches
        case .lookup: .describeRefreshTasks
        case .poll: .describeRefreshTaskByID
        }
    }
}

/// A refresh request: entries of one type from one batch (or part of one, after a split).
struct RefreshWork: Sendable {
    var batch: Int
    var type: EntryType
    /// Indices into the machine's entries.
    var entries: [Int]
    /// Attempts made so far.
    var attempts = 0
    /// The journal key of the attempt in flight.
    var key = ""
    /// When the attempt in flight was sent (wall clock, for look-ups).
    var sentAt = Date.distantPast
    /// The attempt's `ObjectPath`: the URLs joined by `"\n"`.
    var objectPath = ""
}

/// One look-up page.
struct LookupWork: Sendable {
    var reconciliation: Int
    var filter: RefreshTasksFilter
    var attempts = 0
}

/// One poll of up to 10 task IDs.
struct PollWork: Sendable {
    var taskIDs: [String]
}

/// The answer to a work item.
enum WorkResult: Sendable {
    case refreshed(Result<TaskSubmissionResponse, APICallError>)
    case lookedUp(Result<RefreshTasksPage, APICallError>)
    case polled(Result<RefreshTasksByID, APICallError>)
}

/// A lost answer being settled by look-ups.
struct Reconciliation: Sendable {
    var work: RefreshWork
    var error: APICallError
    var pendingLookups: Int
    /// URL → task ID of the URLs found accepted.
    var found: [String: String] = [:]
}
