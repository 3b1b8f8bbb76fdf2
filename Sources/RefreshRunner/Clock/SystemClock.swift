import Dispatch
import Foundation

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
