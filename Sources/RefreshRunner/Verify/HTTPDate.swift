import Foundation
import Support

/// HTTP dates (`Thu, 15 May 2025 05:30:38 GMT`), as `Date` and `X-Swift-SaveTime` carry them.
enum HTTPDate {
    /// Parses an IMF-fixdate (RFC 9110); `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        FixedDate.date(text.trimmingCharacters(in: .whitespaces), FixedDate.http)
    }

    /// `14:02:07 GMT`, for reasons.
    static func clock(_ date: Date) -> String {
        FixedDate.string(date, "HH:mm:ss 'GMT'")
    }
}
