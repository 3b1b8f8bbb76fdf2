import Foundation
import Synchronization

/// Keeps temporary credentials fresh: fetched once, reused until they near their expiry, then fetched again —
/// once for all concurrent callers.
///
/// A call signs with credentials that stay valid for at least the margin: three minutes (as Alibaba's libraries
/// refresh ECS credentials), or a third of their lifetime when that is shorter (tests issue tokens of seconds).
/// Concurrent callers that find them due wait for one fetch (no herd on STS or the metadata service). When a
/// fetch fails while the old credentials are still valid, the old ones are used and the next call tries again;
/// once they have expired the failure is the caller's.
package final class RefreshingCredentialsProvider: CredentialsProvider {
    /// The longest margin before expiry at which credentials are renewed.
    package static let margin: TimeInterval = 180

    package let source: any TemporaryCredentialsSource
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var current: Credentials?
        var fetchedAt = Date.distantPast
        var inFlight: Task<Credentials, any Error>?
        /// How many fetches were started (for tests).
        var fetches = 0
    }

    package init(_ source: any TemporaryCredentialsSource, now: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.now = now
    }

    package var name: String { source.name }

    /// How many times the source was asked.
    package var fetchCount: Int { state.withLock { $0.fetches } }

    package func credentials() async throws(CredentialError) -> Credentials {
        enum Next {
            case ready(Credentials)
            case wait(Task<Credentials, any Error>)
        }
        let time = now()
        let next = state.withLock { state -> Next in
            if let current = state.current, !Self.isDue(current, fetchedAt: state.fetchedAt, at: time) {
                return .ready(current)
            }
            if let task = state.inFlight { return .wait(task) }
            let source = self.source
            let task = Task<Credentials, any Error> { try await source.fetch() }
            state.inFlight = task
            state.fetches += 1
            return .wait(task)
        }
        let task: Task<Credentials, any Error>
        switch next {
        case .ready(let credentials): return credentials
        case .wait(let inFlight): task = inFlight
        }
        let result = await task.result
        let fetchedAt = now()
        return try state.withLock { state throws(CredentialError) -> Credentials in
            if state.inFlight == task { state.inFlight = nil }
            switch result {
            case .success(let credentials):
                if state.inFlight == nil || state.current == nil {
                    state.current = credentials
                    state.fetchedAt = fetchedAt
                }
                return credentials
            case .failure(let error):
                if let current = state.current, current.expiration.map({ $0 > fetchedAt }) ?? true {
                    return current
                }
                if let error = error as? CredentialError { throw error }
                throw .sourceFailed(source: source.name, reason: "\(error)")
            }
        }
    }

    /// Whether `credentials`, fetched at `fetchedAt`, should be renewed before a call at `time`.
    static func isDue(_ credentials: Credentials, fetchedAt: Date, at time: Date) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        let lifetime = max(0, expiration.timeIntervalSince(fetchedAt))
        return expiration.timeIntervalSince(time) <= min(margin, lifetime / 3)
    }
}
