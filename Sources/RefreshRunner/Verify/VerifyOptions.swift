/// How many refreshed URLs a phase after the refresh takes (`--verify`, `--prefetch`), hottest first.
package enum SampleSize: Sendable, Equatable {
    case count(Int)
    case all

    /// `N`, `all`; `nil` for anything else (`off` is no phase at all).
    package init?(_ text: String) {
        if text == "all" {
            self = .all
        } else if let count = Int(text), count > 0 {
            self = .count(count)
        } else {
            return nil
        }
    }

    var limit: Int {
        switch self {
        case .count(let count): count
        case .all: .max
        }
    }
}

/// `--verify`, `--verify-origin`, `--verify-resubmit` (DESIGN §6).
package struct VerifyOptions: Sendable, Equatable {
    package var sample: SampleSize
    /// The origin's base URL, to compare validators with.
    package var origin: String?
    /// Refresh stale URLs once more, as Files.
    package var resubmit: Bool
    /// Probes at once (`--concurrency`).
    package var concurrency: Int

    package init(sample: SampleSize, origin: String? = nil, resubmit: Bool = false, concurrency: Int = 8) {
        self.sample = sample
        self.origin = origin
        self.resubmit = resubmit
        self.concurrency = concurrency
    }
}
