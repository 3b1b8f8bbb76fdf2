import Synchronization

/// Bounds a whole HTTP exchange — connection, answer head and body — by one deadline.
///
/// The HTTP client's own timeout stops at the answer's head; a server that then drips its body a byte a second, or
/// never ends it, would hold a run for ever. Here the exchange is cancelled when the time is up, and the caller
/// hears ``DeadlineExceeded`` at once, whether or not the cancelled work has finished unwinding.
package enum Deadline {
    /// Runs `body` for at most `seconds`.
    ///
    /// - Throws: ``DeadlineExceeded`` when it did not finish in time, or what `body` threw.
    package static func run<T: Sendable>(
        seconds: Double, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let gate = Gate<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                gate.arm(continuation)
                let work = Task {
                    do {
                        gate.finish(.success(try await body()))
                    } catch {
                        gate.finish(.failure(error))
                    }
                }
                gate.onTimeout { work.cancel() }
                Task {
                    try? await Task.sleep(for: .seconds(seconds))
                    gate.finish(.failure(DeadlineExceeded(seconds: seconds)))
                }
            }
        } onCancel: {
            gate.finish(.failure(CancellationError()))
        }
    }

    /// Resumes the continuation once, with whichever result comes first; cancels the work when it was not the
    /// work's own.
    private final class Gate<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var early: Result<T, any Error>?
            var cancelWork: (@Sendable () -> Void)?
            var done = false
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

        func onTimeout(_ cancel: @escaping @Sendable () -> Void) {
            let finished = state.withLock { state -> Bool in
                state.cancelWork = cancel
                return state.done
            }
            if finished { cancel() }
        }

        func finish(_ result: Result<T, any Error>) {
            let (continuation, cancel) = state.withLock {
                state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
                guard !state.done else { return (nil, nil) }
                state.done = true
                guard let continuation = state.continuation else {
                    state.early = result
                    return (nil, state.cancelWork)
                }
                state.continuation = nil
                return (continuation, state.cancelWork)
            }
            continuation?.resume(with: result)
            // Whoever came first, the work is no longer wanted (a no-op when it was the work that finished).
            cancel?()
        }
    }
}

/// An exchange that did not finish within its deadline.
package struct DeadlineExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    package var seconds: Double

    package var description: String { "no complete answer within \(seconds) s" }
}
