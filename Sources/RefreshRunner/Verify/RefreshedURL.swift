import CDNRefresh

/// A refreshed URL a phase after the refresh works on (`--prefetch`, `--verify`), and when its refresh completed.
struct RefreshedURL: Equatable {
    var url: String
    var hits: Int
    /// The first time (run clock) its task was seen `Complete`.
    var completedBy: Double?
    /// The last time (run clock) its task was known unfinished.
    var unfinishedAt: Double?
    /// Whether its refresh revalidates rather than deletes (covered by a Directory or IgnoreParams entry sent
    /// without `Force`): a `TCP_REFRESH_HIT` then shows it fresh.
    var revalidates = false

    /// The refreshed URLs, hottest first (then in plan order), at most `limit`: the File entries whose task
    /// completed, and the files covered by a completed Directory or IgnoreParams entry (URLs that were only read
    /// are not kept, so they are not among them).
    ///
    /// - Parameter force: whether Directory and IgnoreParams entries were sent with `Force` (they then delete).
    static func hottest(entries: [SubmittedEntry], covered: [Candidate], limit: Int, force: Bool = false)
        -> [RefreshedURL]
    {
        var targets: [RefreshedURL] = []
        var covering: [String: EntryOutcome] = [:]
        for entry in entries where entry.outcome.status == .complete {
            switch entry.candidate.type {
            case .file:
                targets.append(
                    RefreshedURL(
                        url: entry.candidate.url, hits: entry.candidate.hits, completedBy: entry.outcome.completedBy,
                        unfinishedAt: entry.outcome.unfinishedAt))
            case .directory, .ignoreparams:
                covering[entry.candidate.url] = entry.outcome
            case .regex:
                break
            }
        }
        for candidate in covered where candidate.type == .file {
            guard let url = candidate.coveredBy, let outcome = covering[url] else { continue }
            targets.append(
                RefreshedURL(
                    url: candidate.url, hits: candidate.hits, completedBy: outcome.completedBy,
                    unfinishedAt: outcome.unfinishedAt, revalidates: !force))
        }
        let ranked = targets.enumerated().sorted { a, b in
            a.element.hits != b.element.hits ? a.element.hits > b.element.hits : a.offset < b.offset
        }
        return ranked.prefix(limit).map(\.element)
    }
}
