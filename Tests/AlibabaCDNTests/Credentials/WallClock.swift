import Foundation
import Synchronization
import Testing

@testable import AlibabaCDN

/// A wall clock that moves only when told.
final class WallClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
