import Foundation
import Synchronization

/// A clock that moves only when a test says so.
package final class ManualClock: Sendable {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_795_456_800)) {
        current = Mutex(start)
    }

    /// The current time.
    package func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward.
    package func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock.
    package func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
