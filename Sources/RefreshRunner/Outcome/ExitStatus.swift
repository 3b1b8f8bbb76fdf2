import CDNRefresh

/// How a command ended: the process's exit code (DESIGN §2), one vocabulary for the library, the journal and the
/// CLI.
package enum ExitStatus: Int32, Sendable, Equatable, CaseIterable {
    /// Every selected entry was submitted (or planned); deferrals for quota are not failures.
    case success = 0
    /// Some entries failed or are invalid, an input could not be read to its end, a refreshed URL is still served
    /// stale, or the journal or the report could not be written.
    case partial = 1
    /// Nothing was done: bad configuration, no credentials, authentication refused, an unusable state.
    case nothingDone = 2
    /// A usage error, as the argument parser reports it.
    case usage = 64
    /// Another run holds the state lock.
    case locked = 75
    /// SIGINT stopped the run (128 + 2), after it settled what was in flight and wrote its report.
    case interrupted = 130
    /// SIGTERM stopped the run (128 + 15), after it settled what was in flight and wrote its report.
    case terminated = 143

    /// The status of a run a signal stopped; `nil` for a signal that does not stop one.
    package init?(signal: Int32) {
        switch signal {
        case 2: self = .interrupted
        case 15: self = .terminated
        default: return nil
        }
    }

    /// The status of a command its state directory stopped.
    package init(_ error: StateError) {
        switch error {
        case .locked: self = .locked
        case .unusable: self = .nothingDone
        case .outdated: self = .success  // said, and nothing shown: a `run` upgrades it
        }
    }

    /// At worst partial: a success becomes partial when `problem` holds; every other status stays what it is.
    package func partial(if problem: Bool) -> ExitStatus {
        self == .success && problem ? .partial : self
    }

    /// The status of a run that submitted its plan.
    ///
    /// - Parameters:
    ///   - summary: partial when it counts failed or invalid entries or a damaged input.
    ///   - problems: something else went wrong that the operator must look at (the journal, a stale URL).
    ///   - stopped: a refusal stopped the submission (credentials, signature, clock).
    ///   - accepted: whether the API accepted anything before that.
    package static func ofRun(_ summary: RunSummary, problems: Bool, stopped: Bool, accepted: Bool) -> ExitStatus {
        if stopped { return accepted ? .partial : .nothingDone }
        return summary.isPartial || problems ? .partial : .success
    }
}
