import Foundation

/// The API's time format, `yyyy-MM-ddTHH:mm:ssZ` in UTC without fractions.
package enum APITimestamp {
    /// Formats `date` in UTC, seconds truncated.
    package static func format(_ date: Date) -> String {
        formatter().string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    /// Parses `yyyy-MM-ddTHH:mm:ssZ` exactly; `nil` for anything else (offsets, fractions, spaces).
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == 0x54, bytes[19] == 0x5A else { return nil }
        return formatter().date(from: text)
    }

    /// A new formatter per call: formatters are not documented as safe to share between threads.
    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
