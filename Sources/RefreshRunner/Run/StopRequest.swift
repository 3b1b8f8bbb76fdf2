import Synchronization

/// A request to stop a run early — SIGTERM from systemd, SIGINT from a terminal — that every phase honours within
/// seconds: no new API call starts (but the look-ups that settle writes in flight), what was sent is settled, and the
/// report, the journal and the metrics are written before the process exits (143 or 130).
package final class StopRequest: Sendable {
    private struct State {
        var signal: Int32?
        var handlers: [Int: @Sendable (Int32) -> Void] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// The signal that asked for the stop, if one did.
    package var signal: Int32? { state.withLock { $0.signal } }

    /// Whether a stop was asked for.
    package var isRequested: Bool { signal != nil }

    /// Asks the run to stop; the first request wins.
    package func request(_ signal: Int32) {
        let handlers = state.withLock { state -> [@Sendable (Int32) -> Void] in
            guard state.signal == nil else { return [] }
            state.signal = signal
            defer { state.handlers = [:] }
            return Array(state.handlers.values)
        }
        for handler in handlers { handler(signal) }
    }

    /// Calls `handler` when a stop is requested, or at once if one already was.
    ///
    /// - Returns: a token for ``forget(_:)``, `nil` when the handler already ran.
    @discardableResult
    func onRequest(_ handler: @escaping @Sendable (Int32) -> Void) -> Int? {
        let (already, token) = state.withLock { state -> (Int32?, Int?) in
            guard state.signal == nil else { return (state.signal, nil) }
            state.nextToken += 1
            state.handlers[state.nextToken] = handler
            return (nil, state.nextToken)
        }
        if let already { handler(already) }
        return token
    }

    /// Drops a handler that is no longer wanted.
    func forget(_ token: Int?) {
        guard let token else { return }
        state.withLock { _ = $0.handlers.removeValue(forKey: token) }
    }

    /// Runs `work` until it ends or a stop is asked for, whichever comes first.
    ///
    /// - Returns: what `work` returned, or `nil` when the stop came first: the work is cancelled and not waited for
    ///   (a read-only call in flight, a probe), so the phase ends at once.
    func unlessStopped<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T? {
        guard !isRequested else { return nil }
        let once = Once<T?>()
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            once.arm(continuation)
            let task = Task { once.resume(returning: await work()) }
            let token = onRequest { _ in
                task.cancel()
                once.resume(returning: nil)
            }
            Task {
                _ = await task.value
                self.forget(token)
            }
        }
    }
}

/// A continuation resumed once, by whichever result comes first.
private final class Once<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Never>?>(nil)

    func arm(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(returning value: T) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
