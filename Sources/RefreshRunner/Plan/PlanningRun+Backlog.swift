import CDNRefresh
import Foundation
import Logging

extension PlanningRun {
    /// What `plan` reads of the backlog, as planning candidates, and the entries about to expire; it writes nothing
    /// (no directory is created).
    ///
    /// It reads what a run with the same budget would: the best-ranked entries of each type the budget can take and
    /// those the inputs name (``BacklogQuery/planning(_:options:quota:store:withheld:collapseWindow:)``). Entries
    /// older than `--backlog-max-age` are not planned: the next `run` lets them go.
    func backlog(_ reading: InputReading, quota: RefreshQuota, now: Date = Date()) throws(StateError)
        -> PlanningBacklog
    {
        guard let directory = configuration.stateDirectory else { return PlanningBacklog() }
        let opened: StateStore?
        do {
            opened = try StateStore.openIfPresent(directory: directory)
        } catch {
            // A state an older build wrote is not upgraded by a reader: planned without its backlog.
            guard case .outdated = error else { throw error }
            return PlanningBacklog(notice: "\(error)")
        }
        guard let store = opened else { return PlanningBacklog() }
        defer { store.close() }
        let limits = configuration.backlogLimits
        let cutoff = now.addingTimeInterval(-limits.maxAge)
        let size = try store.backlogCount()
        guard size > 0 else { return PlanningBacklog() }
        var query = try BacklogQuery.planning(
            reading, options: configuration.planning.planOptions, quota: quota, store: store,
            collapseWindow: limits.collapseWindow)
        query.firstSeenSince = cutoff
        let entries = try store.backlog(query)
        logger.info(
            "Merging the backlog", metadata: ["backlog.entries": "\(size)", "backlog.read": "\(entries.count)"])
        let expiring = try store.backlog(firstSeenBefore: cutoff)
        return PlanningBacklog(
            candidates: entries.enumerated().map { $1.candidate(ordinal: $0) }, expiring: expiring, size: size,
            unread: size - entries.count - expiring.count)
    }
}
