import AlibabaCDN
import Foundation
import TestSupport
import Testing

@testable import CDNEmulator

@Suite("Emulator: per-domain limits")
struct EmulatorPacingTests {
    @Test("--domain-urls-per-minute refuses a request that would pass the domain's window, whole; other domains go on")
    func perMinute() {
        var configuration = EmulatorConfiguration(urlQuota: 10_000)
        configuration.domainURLsPerMinute = 100
        configuration.minuteSeconds = 30
        let harness = Harness(configuration)
        let a = (0..<150).map { "https://a.example.com/\($0).png" }
        #expect(harness.refresh(Array(a.prefix(80))).status == 200)
        let refused = harness.refresh(Array(a[80..<110]))
        #expect(refused.status == 400 && refused.code == "QuotaPerMinuteExceeded.Refresh")
        #expect(harness.refresh(Array(a[80..<100])).status == 200)  // exactly at the limit
        #expect(harness.refresh((0..<100).map { "https://b.example.com/\($0).png" }).status == 200)
        #expect(harness.service.acceptedCounts().count == 200)
        // Directories do not count; after the window the domain takes URLs again.
        #expect(harness.refresh(["https://a.example.com/d/"], type: .directory).status == 200)
        harness.clock.advance(by: 31)
        #expect(harness.refresh(Array(a[100..<150])).status == 200)
    }

    @Test("--refresh-queue answers TooMany.Refresh while a domain has more URLs than that in unfinished tasks")
    func queue() {
        var configuration = EmulatorConfiguration(urlQuota: 10_000, completeAfterSeconds: 1000)
        configuration.refreshQueue = 50
        let harness = Harness(configuration)
        #expect(harness.refresh((0..<60).map { "https://a.example.com/\($0).png" }).status == 200)
        let full = harness.refresh(["https://a.example.com/x.png"])
        #expect(full.status == 400 && full.code == "TooMany.Refresh")
        #expect(harness.refresh(["https://b.example.com/x.png"]).status == 200)
    }
}
