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

    /// The backlog as planning candidates; `plan` reads it but writes nothing (no directory is created).
    ///
    /// Entries older than `--backlog-max-age` are not planned: they come back as `expired` rows, saying that the
    /// next `run` will let them go.
    static func backlogForPlanning(options: PlanningOptions, logger: Logger, now: Date = Date()) throws -> (
        candidates: [Candidate], expiring: [ReportRow]
    ) {
        guard let directory = directory(noState: options.noState, stateDir: options.stateDir),
            let store = try StateStore.openIfPresent(directory: directory)
        else { return ([], []) }
        let limits = options.backlogLimits
        let cutoff = now.addingTimeInterval(-limits.maxAge)
        let entries = try store.backlog()
        if !entries.isEmpty {
            logger.info("Merging the backlog", metadata: ["backlog.entries": "\(entries.count)"])
        }
        let dates = ISO8601DateFormatter()
        let expiring = entries.filter { $0.firstSeen < cutoff }.map { entry in
            var row = ReportRow(candidate: entry.candidate(ordinal: 0), status: .expired, inputNames: [])
            row.errorMessage =
                "the next run lets it go unrefreshed: waiting since \(dates.string(from: entry.firstSeen)), "
                + "longer than --backlog-max-age \(limits.ageText)"
            return row
        }
        let kept = entries.filter { $0.firstSeen >= cutoff }
        return (kept.enumerated().map { $1.candidate(ordinal: $0) }, expiring)
    }
}
