import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

/// Virtual time: sleeping moves the clock at once.
final class VirtualClock: RunnerClock {
    private let time = Mutex(1000.0)
    var now: Double { time.withLock { $0 } }
    var wallNow: Date { Date(timeIntervalSince1970: 1_800_000_000 + now) }
    func sleep(until deadline: Double) async { time.withLock { $0 = max($0, deadline) } }
}
