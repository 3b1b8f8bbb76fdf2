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
    static func backlogForPlanning(options: PlanningOptions, logger: Logger) throws -> [Candidate] {
        guard let directory = directory(noState: options.noState, stateDir: options.stateDir),
            let store = try StateStore.openIfPresent(directory: directory)
        else { return [] }
        let entries = try store.backlog()
        if !entries.isEmpty {
            logger.info("Merging the backlog", metadata: ["backlog.entries": "\(entries.count)"])
        }
        return entries.enumerated().map { $1.candidate(ordinal: $0) }
    }
}
