import Foundation

/// Alibaba's name for a domain's hourly offline log: `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS.gz`, in UTC+8 (China
/// Standard Time, whatever the account's region).
package struct DomainLogName: Sendable, Equatable {
    package var domain: String
    /// The hour the file covers.
    package var start: Date
    package var end: Date

    /// UTC+8, the zone of Alibaba's file names.
    package static let zone = TimeZone(secondsFromGMT: 8 * 3600)!

    package init(domain: String, start: Date, end: Date) {
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// Parses a file name (a path's last component); `nil` when it does not follow Alibaba's pattern.
    ///
    /// An end of `000000` after a later start is midnight of the next day.
    package init?(fileName: String) {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard name.hasSuffix(".gz") else { return nil }
        let parts = name.dropLast(3).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 6 else { return nil }
        let fields = parts.suffix(5).map(String.init)
        let domain = parts.dropLast(5).joined(separator: "_")
        let lengths = [4, 2, 2, 6, 6]
        guard !domain.isEmpty,
            zip(fields, lengths).allSatisfy({ $0.count == $1 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        func time(_ hms: String) -> DateComponents {
            let digits = Array(hms)
            return DateComponents(
                year: Int(fields[0]), month: Int(fields[1]), day: Int(fields[2]), hour: Int(String(digits[0...1])),
                minute: Int(String(digits[2...3])), second: Int(String(digits[4...5])))
        }
        guard let start = calendar.date(from: time(fields[3])), var end = calendar.date(from: time(fields[4])) else {
            return nil
        }
        if end <= start { end = end.addingTimeInterval(86400) }
        self.init(domain: domain, start: start, end: end)
    }

    /// The file name, `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS.gz`.
    package var fileName: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        let day = calendar.dateComponents([.year, .month, .day], from: start)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        func hms(_ date: Date) -> String {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            return pad(parts.hour ?? 0, 2) + pad(parts.minute ?? 0, 2) + pad(parts.second ?? 0, 2)
        }
        return "\(domain)_\(pad(day.year ?? 0, 4))_\(pad(day.month ?? 0, 2))_\(pad(day.day ?? 0, 2))_"
            + "\(hms(start))_\(hms(end)).gz"
    }

    /// `HH:mm` (or `yyyy-MM-dd HH:mm` when `withDate`) in UTC+8, as Alibaba's console shows log times.
    package static func chinaTime(_ date: Date, withDate: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = withDate ? "yyyy-MM-dd HH:mm" : "HH:mm"
        return formatter.string(from: date) + " UTC+8"
    }
}
