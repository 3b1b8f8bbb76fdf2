import Synchronization

/// A request to stop a run early — SIGTERM from systemd, SIGINT from a terminal — that the run honours between
/// calls: nothing more is sent, what is in flight is settled, and the report, the journal and the metrics are
/// written before the process exits (143 or 130).
package final class StopRequest: Sendable {
    private struct State {
        var signal: Int32?
        var handlers: [@Sendable (Int32) -> Void] = []
    }

    private let state = Mutex(State())

    package init() {}

    /// The signal that asked for the stop, if one did.
    package var signal: Int32? { state.withLock { $0.signal } }

    /// Asks the run to stop; the first request wins.
    package func request(_ signal: Int32) {
        let handlers = state.withLock { state -> [@Sendable (Int32) -> Void] in
            guard state.signal == nil else { return [] }
            state.signal = signal
            return state.handlers
        }
        for handler in handlers { handler(signal) }
    }

    /// Calls `handler` when a stop is requested, or at once if one already was.
    func onRequest(_ handler: @escaping @Sendable (Int32) -> Void) {
        let already = state.withLock { state -> Int32? in
            if state.signal == nil { state.handlers.append(handler) }
            return state.signal
        }
        if let already { handler(already) }
    }
}
