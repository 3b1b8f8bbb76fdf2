import Synchronization

/// Bounds a whole HTTP exchange — connection, answer head and body — by one deadline.
///
/// The HTTP client's own timeout stops at the answer's head; a server that then drips its body a byte a second, or
/// never ends it, would hold a run for ever. Here the exchange is cancelled when the time is up, and the caller
/// hears ``DeadlineExceeded`` at once, whether or not the cancelled work has finished unwinding. When the work ends
/// first, its timer is cancelled at once: nothing sleeps on for the rest of the timeout.
package enum Deadline {
    /// Runs `body` for at most `seconds`.
    ///
    /// - Parameter timerEnded: called when the timer's task ends, fired or cancelled (tests).
    /// - Throws: ``DeadlineExceeded`` when it did not finish in time, or what `body` threw.
    package static func run<T: Sendable>(
        seconds: Double, timerEnded: (@Sendable () -> Void)? = nil, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let gate = Gate<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                gate.arm(continuation)
                let work = Task {
                    do {
                        gate.finish(.success(try await body()), fromWork: true)
                    } catch {
                        gate.finish(.failure(error), fromWork: true)
                    }
                }
                let timer = Task {
                    defer { timerEnded?() }
                    try await Task.sleep(for: .seconds(seconds))
                    gate.finish(.failure(DeadlineExceeded(seconds: seconds)), fromWork: false)
                }
                gate.onFinish(cancelWork: { work.cancel() }, cancelTimer: { timer.cancel() })
            }
        } onCancel: {
            gate.finish(.failure(CancellationError()), fromWork: false)
        }
    }

    /// Resumes the continuation once, with whichever result comes first; then cancels the timer, and the work when
    /// the result was not the work's own.
    private final class Gate<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var early: Result<T, any Error>?
            var cancelWork: (@Sendable () -> Void)?
            var cancelTimer: (@Sendable () -> Void)?
            /// How it finished: `true` by the work, `false` by the timer or a cancellation; `nil` not yet.
            var byWork: Bool?
        }

        private let state = Mutex(State())

        func arm(_ continuation: CheckedContinuation<T, any Error>) {
            let early = state.withLock { state -> Result<T, any Error>? in
                guard let early = state.early else {
                    state.continuation = continuation
                    return nil
                }
                return early
            }
            if let early { continuation.resume(with: early) }
        }

        func onFinish(cancelWork: @escaping @Sendable () -> Void, cancelTimer: @escaping @Sendable () -> Void) {
            let byWork = state.withLock { state -> Bool? in
                state.cancelWork = cancelWork
                state.cancelTimer = cancelTimer
                return state.byWork
            }
            guard let byWork else { return }
            cancelTimer()
            if !byWork { cancelWork() }
        }

        func finish(_ result: Result<T, any Error>, fromWork: Bool) {
            let (continuation, cancelWork, cancelTimer) = state.withLock {
                state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?, (@Sendable () -> Void)?) in
                guard state.byWork == nil else { return (nil, nil, nil) }
                state.byWork = fromWork
                guard let continuation = state.continuation else {
                    state.early = result
                    return (nil, state.cancelWork, state.cancelTimer)
                }
                state.continuation = nil
                return (continuation, state.cancelWork, state.cancelTimer)
            }
            continuation?.resume(with: result)
            cancelTimer?()
            if !fromWork { cancelWork?() }
        }
    }
}

/// An exchange that did not finish within its deadline.
package struct DeadlineExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    package var seconds: Double

    package var description: String { "no complete answer within \(seconds) s" }
}
