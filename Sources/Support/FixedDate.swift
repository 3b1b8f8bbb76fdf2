import Foundation

/// Dates in fixed, machine-read formats: HTTP dates, signature timestamps, Alibaba's UTC+8 days and log times.
///
/// One recipe for all of them: the `en_US_POSIX` locale (so neither the user's locale nor their calendar changes a
/// month name or a digit) and an explicit zone. A new formatter per call: `DateFormatter` is not documented as safe
/// to share between threads; a caller formatting many dates in a loop keeps the one ``formatter(_:zone:)`` gives.
package enum FixedDate {
    /// An IMF-fixdate (RFC 9110), as `Date`, `Last-Modified` and SLS's `Date` carry it: `Mon, 09 Nov 2015 06:11:16 GMT`.
    package static let http = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    /// GMT, the zone of HTTP dates and of signature timestamps.
    package static let gmt = TimeZone(secondsFromGMT: 0)!
    /// UTC+8 (China Standard Time, no daylight saving): Alibaba's quota days and log file names.
    package static let china = TimeZone(secondsFromGMT: 8 * 3600)!

    /// A formatter of `pattern` in `zone`, locale-free.
    package static func formatter(_ pattern: String, zone: TimeZone = gmt) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    /// `date` written as `pattern` in `zone`.
    package static func string(_ date: Date, _ pattern: String, zone: TimeZone = gmt) -> String {
        formatter(pattern, zone: zone).string(from: date)
    }

    /// `text` read as `pattern` in `zone`; `nil` when it is not one.
    package static func date(_ text: String, _ pattern: String, zone: TimeZone = gmt) -> Date? {
        formatter(pattern, zone: zone).date(from: text)
    }
}
