import CDNRefresh

/// How per-domain limits held a submission back: the domains paced and their limits, the scheduling refusals the API
/// answered, and the time spent waiting.
package struct PacingReport: Sendable, Equatable {
    /// The limit of each domain this submission sent to that had one.
    package var limits: [String: DomainPacer.Limit] = [:]
    /// What this submission found out of each domain's limit (learned, lowered, raised, forgotten, proven), to
    /// keep in the state.
    package var findings: [String: DomainPacer.Finding] = [:]
    /// URLs deferred because they could not be sent within `--pace-timeout`.
    package var deferred = 0
    /// Scheduling refusals by code.
    package var refusals: [String: Int] = [:]
    /// Seconds during which nothing could be sent for pacing.
    package var waitSeconds = 0.0

    package init() {}
}
