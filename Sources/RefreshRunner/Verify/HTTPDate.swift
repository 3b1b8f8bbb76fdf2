import Foundation

/// HTTP dates (`Thu, 15 May 2025 05:30:38 GMT`), as `Date` and `X-Swift-SaveTime` carry them.
enum HTTPDate {
    /// Parses an IMF-fixdate (RFC 9110); `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// `14:02:07 GMT`, for reasons.
    static func clock(_ date: Date) -> String {
        formatter("HH:mm:ss 'GMT'").string(from: date)
    }

    /// A new formatter per call: formatters are not documented as safe to share between threads.
    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = pattern
        return formatter
    }
}
