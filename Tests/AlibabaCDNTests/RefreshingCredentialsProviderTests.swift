import Foundation
import Synchronization
import Testing

@testable import AlibabaCDN

/// A wall clock that moves only when told.
final class WallClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

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

@Suite("Credentials: refreshing temporary ones")
struct RefreshingCredentialsProviderTests {
    let clock = WallClock()

    func provider(lifetime: TimeInterval) -> (RefreshingCredentialsProvider, CountingSource) {
        let source = CountingSource(clock: clock, lifetime: lifetime)
        let clock = self.clock
        return (RefreshingCredentialsProvider(source, now: { clock.now }), source)
    }

    func advance(_ seconds: TimeInterval) {
        clock.advance(seconds)
    }

    @Test("fifty concurrent calls that find no credentials wait for one fetch")
    func singleFlight() async throws {
        let (provider, source) = provider(lifetime: 3600)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await provider.credentials().accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["STS.1"])
        #expect(source.fetches.withLock { $0 } == 1)
    }

    @Test("reused until three minutes before expiry, then renewed once for all concurrent callers")
    func renewBeforeExpiry() async throws {
        let (provider, source) = provider(lifetime: 3600)
        #expect(try await provider.credentials().accessKeyID == "STS.1")
        advance(3600 - 181)
        #expect(try await provider.credentials().accessKeyID == "STS.1")
        advance(2)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.credentials().accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["STS.2"])
        #expect(source.fetches.withLock { $0 } == 2)
    }

    @Test("short-lived credentials are renewed a third of their lifetime before expiry")
    func shortLifetime() async throws {
        let (provider, _) = provider(lifetime: 9)
        #expect(try await provider.credentials().accessKeyID == "STS.1")
        advance(5)
        #expect(try await provider.credentials().accessKeyID == "STS.1")
        advance(1.5)
        #expect(try await provider.credentials().accessKeyID == "STS.2")
    }

    @Test("a failed renewal keeps the old credentials while they are valid, and fails once they expire")
    func failedRenewal() async throws {
        let (provider, source) = provider(lifetime: 600)
        _ = try await provider.credentials()
        source.failing.withLock { $0 = true }
        advance(500)
        #expect(try await provider.credentials().accessKeyID == "STS.1")
        advance(200)
        await #expect(throws: CredentialError.sourceFailed(source: "counting", reason: "STS is down")) {
            try await provider.credentials()
        }
        source.failing.withLock { $0 = false }
        #expect(try await provider.credentials().accessKeyID == "STS.4")
    }
}
