import AlibabaCDN
import Synchronization

/// The run's one ``RateLimiter``, shared by the submission engine and single calls (quota, task status).
package final class SharedRateLimiter: Sendable {
    private let limiter: Mutex<RateLimiter>

    package init(_ limiter: RateLimiter) {
        self.limiter = Mutex(limiter)
    }

    /// Takes a slot for `action` at `now`, or returns when to ask again.
    package func tryAcquire(action: APIAction, now: Double) -> Double? {
        limiter.withLock { $0.tryAcquire(action: action, now: now) }
    }

    /// Waits (on `clock`) for a slot for `action` and takes it.
    package func acquire(action: APIAction, clock: some RunnerClock) async {
        while let retryAt = tryAcquire(action: action, now: clock.now) {
            await clock.sleep(until: retryAt)
        }
    }
}
