/// One distinct refresh entry — a canonical URL and its type — with everything that ranks it.
package struct Candidate: Sendable, Equatable {
    package var url: String
    package var type: EntryType
    /// Where the entry was first seen.
    package var source: EntrySource
    /// How many input lines named it.
    package var occurrences: Int
    /// Reads (GET/HEAD answered 2xx/304) of the URL in the logs of this run, plus those carried in the backlog.
    package var hits: Int
    /// The latest time a candidate record changed it (seconds since the epoch), if known.
    package var latestChange: Int64?
    /// The highest explicit priority given to it (manifest field 3), if any.
    package var priority: Int?
    /// The weight of the best matching `--priority-rule` (0 when none matches); set by the planner.
    package var ruleWeight: Int = 0
    /// When it was first seen (seconds since the epoch) if it came from the backlog; `nil` for new entries.
    package var backlogSince: Int64?
    /// The order of first appearance.
    package var appearance: Appearance
    /// For a covered entry: the URL of the Directory or IgnoreParams entry of the plan that refreshes it.
    package var coveredBy: String?
    /// Whether the planner made this entry by collapsing files (DESIGN §5) rather than an input naming it.
    ///
    /// Such an entry is sent and reported like any other, but it is never kept in the backlog: the files it covers
    /// are, and a later run plans them afresh.
    package var collapsed = false
    /// Whether the inputs of this run read the URL (its hits came from them); collapsing counts it among the URLs
    /// seen beneath its directories only once.
    var wasRead = false

    package init(
        url: String,
        type: EntryType,
        source: EntrySource,
        occurrences: Int = 1,
        hits: Int = 0,
        latestChange: Int64? = nil,
        priority: Int? = nil,
        backlogSince: Int64? = nil,
        appearance: Appearance
    ) {
        self.url = url
        self.type = type
        self.source = source
        self.occurrences = occurrences
        self.hits = hits
        self.latestChange = latestChange
        self.priority = priority
        self.backlogSince = backlogSince
        self.appearance = appearance
    }

    /// Whether the entry was carried over from an earlier run.
    package var isFromBacklog: Bool { backlogSince != nil }

    /// A backlog entry that no input of this run named: deferred again, it gets no report row (the summary counts
    /// it and `backlog list` shows it), so a long backlog is not repeated in every night's report.
    package var isCarriedOverUntouched: Bool { isFromBacklog && occurrences == 0 && !collapsed }

    /// The key entries are merged by.
    package var key: CandidateKey { CandidateKey(url: url, type: type) }

    /// Folds a later sighting of the same entry into this one (the first source and appearance stay).
    mutating func absorb(_ other: Candidate) {
        occurrences += other.occurrences
        hits += other.hits
        if let time = other.latestChange { latestChange = max(latestChange ?? time, time) }
        if let value = other.priority { priority = max(priority ?? value, value) }
        if backlogSince == nil { backlogSince = other.backlogSince }
    }
}
