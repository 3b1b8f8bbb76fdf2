import Foundation
import Testing

@testable import CDNRefresh

@Suite("Mergeable manifest: changed times")
struct ManifestChangedTimeTests {
    @Test(
        "ISO 8601 with Z or an offset, fractions dropped; anything else is not a time",
        arguments: [
            ("2026-11-24T02:00:00+08:00", Optional<Int64>(1_795_456_800)), ("2026-11-23T18:00:00Z", 1_795_456_800),
            ("2026-11-23T18:00:00.250Z", 1_795_456_800), ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T12:00:00-05:30", 951_845_400), ("2026-11-24", nil), ("2026-13-01T00:00:00Z", nil),
            ("2026-11-24T02:00:00", nil), ("yesterday", nil),
        ])
    func changedTimes(text: String, expected: Int64?) {
        #expect(CSVManifestParser.unixTime(iso8601: text) == expected)
        if let expected {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let reference = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
            #expect(reference.map { Int64($0.timeIntervalSince1970.rounded(.down)) } == expected)
        }
    }
}
