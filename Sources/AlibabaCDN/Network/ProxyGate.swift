import Foundation
import Synchronization

/// What proxies answered during a run, shared by every client that goes through them: a proxy that rejected the
/// credentials given is never sent them again, and one that refuses tunnels (502, 503 to `CONNECT`) is given up after
/// three refusals within 15 seconds.
///
/// A corporate proxy locks an account out after a few rejected passwords, and a proxy that cannot reach the API
/// answers the same way a thousand times: one run must not hammer it.
package final class ProxyGate: Sendable {
    private struct State {
        /// Why each proxy is refused for the rest of the run, by its description.
        var refused: [String: String] = [:]
        /// When each proxy refused a tunnel, by its description.
        var tunnelRefusals: [String: [Date]] = [:]
        /// The status each proxy refused a tunnel to a host with, learned once.
        var tunnelStatus: [String: Int] = [:]
    }

    /// Tunnel refusals (502, 503) allowed within ``tunnelWindow`` before the proxy is given up.
    package static let tunnelAttempts = 3
    /// Seconds within which ``tunnelAttempts`` refusals give a proxy up.
    package static let tunnelWindow: Double = 15

    private let state = Mutex(State())

    package init() {}

    /// Why `proxy` is refused for the rest of the run, if it is.
    package func refusal(of proxy: ProxyServer) -> String? {
        state.withLock { $0.refused["\(proxy)"] }
    }

    /// The proxy rejected the credentials given (407): they are never sent again in this run.
    ///
    /// - Returns: the sentence that says so.
    @discardableResult
    package func credentialsRejected(by proxy: ProxyServer) -> String {
        let text =
            "the proxy rejected the credentials given for \(proxy.username ?? "the user") (407) at \(proxy); they are "
            + "not sent again: check the user and password"
        state.withLock { $0.refused["\(proxy)"] = $0.refused["\(proxy)"] ?? text }
        return text
    }

    /// The status `proxy` answered a tunnel to `target` with, when it was learned already.
    package func tunnelStatus(of proxy: ProxyServer, to target: String) -> Int? {
        state.withLock { $0.tunnelStatus["\(proxy) \(target)"] }
    }

    /// Remembers the status `proxy` answered a tunnel to `target` with (learned once, not asked again).
    package func noteTunnelStatus(_ status: Int, of proxy: ProxyServer, to target: String) {
        state.withLock { $0.tunnelStatus["\(proxy) \(target)"] = status }
    }

    /// The proxy answered `status` (502, 503) to a tunnel at `time`.
    ///
    /// - Returns: whether it is now given up (the third refusal within 15 s).
    package func tunnelRefused(by proxy: ProxyServer, status: Int, sentence: String, at time: Date = Date()) -> Bool {
        state.withLock { state in
            let key = "\(proxy)"
            var times = (state.tunnelRefusals[key] ?? []).filter { time.timeIntervalSince($0) < Self.tunnelWindow }
            times.append(time)
            state.tunnelRefusals[key] = times
            guard times.count >= Self.tunnelAttempts else { return false }
            state.refused[key] =
                state.refused[key]
                ?? "\(sentence) (\(Self.tunnelAttempts) times within \(Int(Self.tunnelWindow)) s); nothing more is sent "
                + "through it in this run"
            return true
        }
    }
}
