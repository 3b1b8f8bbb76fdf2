/// What happened to an entry: the report's `status` column.
package enum ReportStatus: String, Sendable, CaseIterable {
    /// `plan` only: the entry would be sent in its batch.
    case planned
    /// Accepted by the API (a task exists).
    case submitted
    /// Accepted, and its task reached `Complete` while the run waited.
    case complete
    /// Rejected by the API, or its task failed, or retries ran out.
    case failed
    /// Not sent for lack of quota (or because submission of its type stopped); kept for the next run.
    case deferred
    /// Refreshed by a directory entry of the same run.
    case covered
    /// An input line that could not be used.
    case invalid
    /// Left the backlog after `--backlog-max-age`: the CDN's own expiry has most likely refreshed it by now.
    case expired
    /// Left the backlog because it held more than `--backlog-max-entries`; the lowest-ranked entries go first.
    case dropped
    /// Not sent: the journal holds an acceptance of the same URL after its last change in the inputs (within the
    /// API's 3-day task memory); paying for it again would refresh nothing new (`--refresh-again` sends it).
    case skipped
}
