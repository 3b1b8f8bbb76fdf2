import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

/// The system's clocks, with the wall clock `days` ahead: a later night for the state's dates.
struct LaterClock: RunnerClock {
    let days: Double
    var now: Double { SystemClock().now }
    var wallNow: Date { Date().addingTimeInterval(days * 86_400) }
    func sleep(until deadline: Double) async { await SystemClock().sleep(until: deadline) }
}
