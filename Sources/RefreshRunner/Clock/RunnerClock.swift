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
