import CDNRefresh
import Logging

/// Opens the state directory for the subcommands (replaced by the SQLite store).
enum StateAccess {
    static func backlogForPlanning(options: PlanningOptions, logger: Logger) throws -> [Candidate] {
        []
    }
}
