import AlibabaCDN

/// When to try a failed call again: exponential backoff with full jitter, honouring `x-acs-retry-after`.
package struct RetryPolicy: Sendable, Equatable {
    /// Attempts per call, the first included (`--max-attempts`).
    package var maxAttempts: Int
    /// The backoff cap of the first retry, doubled for each later one.
    package var baseDelay: Double
    /// The largest backoff cap.
    package var maxDelay: Double

    package init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before the next attempt, or `nil` when the error is not retryable or the attempts are spent.
    ///
    /// - Parameters:
    ///   - attempts: attempts made so far (1 after the first failure).
    ///   - jitter: a uniform random value in `0..<1`.
    package func delay(after error: APICallError, attempts: Int, jitter: Double) -> Double? {
        guard error.classification == .retryable, attempts < maxAttempts else { return nil }
        return delay(attempts: attempts, jitter: jitter, floor: Self.floor(for: error))
    }

    /// Full jitter: uniform in `0…min(maxDelay, baseDelay × 2^(attempts−1))`, never below `floor`.
    package func delay(attempts: Int, jitter: Double, floor: Double = 0) -> Double {
        let cap = min(maxDelay, baseDelay * Double(1 << min(max(attempts - 1, 0), 30)))
        return max(floor, cap * min(max(jitter, 0), 1))
    }

    /// The least wait an error asks for: `x-acs-retry-after`, or 60 s for the per-minute refresh limit.
    static func floor(for error: APICallError) -> Double {
        guard case .api(let failure) = error else { return 0 }
        return max(failure.retryAfterSeconds ?? 0, failure.body.minimumRetryDelaySeconds ?? 0)
    }
}
