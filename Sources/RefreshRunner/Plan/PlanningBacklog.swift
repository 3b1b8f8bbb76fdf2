import CDNRefresh

/// What `plan` read of the backlog.
struct PlanningBacklog {
    var candidates: [Candidate] = []
    /// Rows for the entries the next run lets go for age.
    var expiring: [BacklogEntry] = []
    /// Entries in the backlog (`nil` without one).
    var size: Int?
    /// Entries not read: they wait, untouched, for a run with more quota.
    var unread = 0
    /// Why the backlog was not read although there is a state (an older build wrote it).
    var notice: String?
}
