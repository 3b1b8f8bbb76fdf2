import CDNRefresh

/// How a run ended, for the exit code.
package enum RunExit: Sendable, Equatable {
    /// Every selected entry was submitted (deferrals are not failures).
    case success
    /// Some entries failed or are invalid, or an input was not read to its end.
    case partial
    /// Nothing was done: no quota, credentials refused.
    case nothingDone

    /// The process exit code (DESIGN §2).
    package var code: Int32 {
        switch self {
        case .success: 0
        case .partial: 1
        case .nothingDone: 2
        }
    }
}
