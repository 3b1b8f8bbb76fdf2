import CDNRefresh
import Foundation
import Logging
import RefreshRunner

/// Where the state lives for the subcommands, and read-only access for `plan`.
enum StateAccess {
    /// The state directory the options select; `nil` for `--no-state`.
    static func directory(noState: Bool, stateDir: String?) -> String? {
        guard !noState else { return nil }
        return stateDir ?? StateStore.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// What `plan` reads of the backlog, as planning candidates, with rows for entries about to expire; it writes
    /// nothing (no directory is created).
    ///
    /// It reads what a run with the same budget would: the best-ranked entries of each type the budget can take and
    /// those the inputs name (``BacklogQuery/planning(_:options:store:sendable:withheld:collapseWindow:)``).
    /// Entries older than `--backlog-max-age` are not planned: they come back as `expired` rows, saying that the
    /// next `run` will let them go.
    static func backlogForPlanning(
        options: PlanningCommandOptions, reading: InputReading, planOptions: PlannerOptions, logger: Logger,
        now: Date = Date()
    ) throws -> PlanningBacklog {
        guard let directory = directory(noState: options.noState, stateDir: options.stateDir),
            let store = try StateStore.openIfPresent(directory: directory)
        else { return PlanningBacklog() }
        defer { store.close() }
        let limits = options.backlogLimits
        let cutoff = now.addingTimeInterval(-limits.maxAge)
        let size = try store.backlogCount()
        guard size > 0 else { return PlanningBacklog() }
        var query = try BacklogQuery.planning(
            reading, options: planOptions, store: store, sendable: true, collapseWindow: limits.collapseWindow)
        query.firstSeenSince = cutoff
        let entries = try store.backlog(query)
        logger.info(
            "Merging the backlog", metadata: ["backlog.entries": "\(size)", "backlog.read": "\(entries.count)"])
        let dates = ISO8601DateFormatter()
        let expiring = try store.backlog(firstSeenBefore: cutoff).map { entry in
            var row = ReportRow(candidate: entry.candidate(ordinal: 0), status: .expired, inputNames: [])
            row.errorMessage =
                "the next run lets it go unrefreshed: waiting since \(dates.string(from: entry.firstSeen)), "
                + "longer than --backlog-max-age \(limits.ageText)"
            return row
        }
        return PlanningBacklog(
            candidates: entries.enumerated().map { $1.candidate(ordinal: $0) }, expiring: expiring, size: size,
            unread: size - entries.count - expiring.count)
    }
}

/// What `plan` read of the backlog.
struct PlanningBacklog {
    var candidates: [Candidate] = []
    /// Rows for the entries the next run lets go for age.
    var expiring: [ReportRow] = []
    /// Entries in the backlog (`nil` without one).
    var size: Int?
    /// Entries not read: they wait, untouched, for a run with more quota.
    var unread = 0
}
