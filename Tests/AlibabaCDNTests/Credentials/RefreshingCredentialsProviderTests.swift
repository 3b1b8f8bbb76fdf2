import Foundation
import Synchronization
import Testing

@testable import AlibabaCDN

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
