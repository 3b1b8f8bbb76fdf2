import Foundation
import Synchronization
import Testing

@testable import AlibabaCDN

/// A source that issues numbered credentials valid for `lifetime` seconds of the shared clock, slowly.
final class CountingSource: TemporaryCredentialsSource {
    let clock: WallClock
    let lifetime: TimeInterval
    let fetches = Mutex(0)
    let failing = Mutex(false)

    init(clock: WallClock, lifetime: TimeInterval) {
        self.clock = clock
        self.lifetime = lifetime
    }

    var name: String { "counting" }

    func fetch() async throws(CredentialError) -> Credentials {
        let number = fetches.withLock {
            $0 += 1
            return $0
        }
        try? await Task.sleep(for: .milliseconds(20))  // long enough for every concurrent caller to be waiting
        if failing.withLock({ $0 }) { throw .sourceFailed(source: name, reason: "STS is down") }
        let now = clock.now
        return Credentials(
            accessKeyID: "STS.\(number)", accessKeySecret: "s", securityToken: "t", origin: name,
            expiration: now.addingTimeInterval(lifetime))
    }
}
