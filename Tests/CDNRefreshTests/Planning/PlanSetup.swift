@testable import CDNRefresh

/// The quota and the planner options a test plans with, given together.
struct PlanSetup {
    var quota: RefreshQuota
    var options = PlannerOptions()
}

extension Planner {
    /// Plans `candidates` with `setup`'s quota and options.
    static func plan(
        candidates: [Candidate], invalid: [InvalidLine], setup: PlanSetup, reads: ReadStatistics = .none
    ) -> Plan {
        plan(candidates: candidates, invalid: invalid, quota: setup.quota, options: setup.options, reads: reads)
    }
}
