import AlibabaCDN

/// Makes single API calls outside the submission (quota, look-ups at start-up, task status) through the run's
/// one rate limiter, retrying retryable failures with backoff.
package struct APICaller: Sendable {
    package let limiter: SharedRateLimiter
    package let clock: any RunnerClock
    package let retry: RetryPolicy
    package let jitter: @Sendable () -> Double

    package init(
        limiter: SharedRateLimiter, clock: any RunnerClock = SystemClock(), retry: RetryPolicy = RetryPolicy(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.limiter = limiter
        self.clock = clock
        self.retry = retry
        self.jitter = jitter
    }

    /// Calls `body` for `action` when the limiter allows, again after a retryable failure, until it succeeds or
    /// the attempts are spent.
    package func call<Response: Sendable>(
        _ action: APIAction, _ body: @Sendable () async throws(APICallError) -> Response
    ) async throws(APICallError) -> Response {
        var attempts = 0
        while true {
            await limiter.acquire(action: action, clock: clock)
            attempts += 1
            do {
                return try await body()
            } catch {
                guard let delay = retry.delay(after: error, attempts: attempts, jitter: jitter()) else { throw error }
                await clock.sleep(until: clock.now + delay)
            }
        }
    }
}
