import AlibabaCDN

/// One API call the submission has to make.
struct WorkItem: Sendable {
    enum Kind: Sendable {
        /// A RefreshObjectCaches or PushObjectCache attempt.
        case write(WriteWork)
        /// A DescribeRefreshTasks look-up that settles a lost answer.
        case lookup(LookupWork)
        /// A DescribeRefreshTaskById poll while waiting for tasks.
        case poll(PollWork)
    }

    var id: Int
    var kind: Kind
    /// Not to start before this time (retries, polls).
    var notBefore: Double
    /// Lower goes first: the batch number for writes and look-ups, after all of them for polls.
    var priority: Int

    /// The API action, for the rate limiter.
    var action: APIAction {
        switch kind {
        case .write(let work): work.kind.action
        case .lookup: .describeRefreshTasks
        case .poll: .describeRefreshTaskByID
        }
    }
}
