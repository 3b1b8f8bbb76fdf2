import Dispatch
import Foundation

extension DispatchTime {
    /// The dispatch time of a monotonic `seconds` value from ``SystemClock``.
    init(monotonicSeconds seconds: Double) {
        self.init(uptimeNanoseconds: UInt64(max(seconds, 0) * 1_000_000_000))
    }
}
