import Dispatch
import Foundation

/// The clocks a run uses: a monotonic one for pacing and timers, a wall clock for API timestamps.
package protocol RunnerClock: Sendable {
    /// Seconds on a monotonic clock (`DispatchTime`'s).
    var now: Double { get }
    var wallNow: Date { get }
    /// Suspends until `deadline` on the monotonic clock.
    func sleep(until deadline: Double) async
}

/// The system's clocks: `DispatchTime` (monotonic, the one `asyncAfter` uses) and `Date`.
package struct SystemClock: RunnerClock {
    package init() {}

    package var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000 }

    package var wallNow: Date { Date() }

    package func sleep(until deadline: Double) async {
        let seconds = deadline - now
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

extension DispatchTime {
    /// The dispatch time of a monotonic `seconds` value from ``SystemClock``.
    init(monotonicSeconds seconds: Double) {
        self.init(uptimeNanoseconds: UInt64(max(seconds, 0) * 1_000_000_000))
    }
}
