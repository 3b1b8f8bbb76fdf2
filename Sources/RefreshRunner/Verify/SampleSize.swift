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
