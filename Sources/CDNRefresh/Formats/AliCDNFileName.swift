import Foundation
import Support

/// The name Alibaba gives a domain's hourly offline log, `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS[_ext].gz`, the hour in
/// UTC+8 (China Standard Time, whatever the account's region): the one parser of those names, for the listing of
/// `cdn:` inputs, the emulator, and the domain of a log's path-only records.
///
/// The rule, from Alibaba's documentation (`example.com_2018_10_30_000000_010000_xx.gz`): the domain, then the
/// date and the start and end times as fields of exactly 4, 2, 2, 6 and 6 digits, then optionally `_` and an
/// extension of letters, digits and `-` (`_cn`, `_ov`, `_xx`), then `.gz` — or nothing, for a file someone
/// gunzipped. The domain is everything before the first run of such fields (a name with `_` in it is kept whole).
/// Any other name (`.log`, missing or short fields, an impossible date) is not one.
package struct AliCDNFileName: Sendable, Equatable {
    package var domain: String
    /// The hour the file covers.
    package var start: Date
    package var end: Date
    /// The extension after the times (`cn` of `_cn.gz`); empty when there is none.
    package var suffix: String

    /// UTC+8, the zone of Alibaba's file names.
    package static let zone = FixedDate.china

    package init(domain: String, start: Date, end: Date, suffix: String = "") {
        self.domain = domain
        self.start = start
        self.end = end
        self.suffix = suffix
    }

    /// Parses a file name (or a path's last component); `nil` when it does not follow Alibaba's pattern.
    ///
    /// An end of `000000` after a later start is midnight of the next day.
    package init?(fileName: String) {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stem = name.hasSuffix(".gz") ? name.dropLast(3) : Substring(name)
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        let lengths = [4, 2, 2, 6, 6]
        func isDigits(_ part: Substring, _ count: Int) -> Bool {
            part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        guard
            let first = parts.indices.dropFirst().first(where: { index in
                index + lengths.count <= parts.count
                    && zip(parts[index...], lengths).allSatisfy { isDigits($0, $1) }
            })
        else { return nil }
        let domain = parts[..<first].joined(separator: "_")
        let fields = parts[first..<(first + lengths.count)].map(String.init)
        let extensionParts = parts[(first + lengths.count)...]
        guard !domain.isEmpty,
            extensionParts.allSatisfy({ part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }),
            let start = Self.time(day: fields[0...2], hms: fields[3]),
            var end = Self.time(day: fields[0...2], hms: fields[4])
        else { return nil }
        if end <= start { end = end.addingTimeInterval(86400) }
        self.init(domain: domain, start: start, end: end, suffix: extensionParts.joined(separator: "_"))
    }

    /// The domain of an Alibaba CDN log's name, or `nil` when the name does not follow the pattern.
    package static func domain(fromPath path: String) -> String? {
        AliCDNFileName(fileName: path)?.domain
    }

    /// The file name, `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS[_ext].gz`.
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
            + "\(hms(start))_\(hms(end))" + (suffix.isEmpty ? "" : "_" + suffix) + ".gz"
    }

    /// `HH:mm` (or `yyyy-MM-dd HH:mm` when `withDate`) in UTC+8, as Alibaba's console shows log times.
    package static func chinaTime(_ date: Date, withDate: Bool) -> String {
        FixedDate.string(date, withDate ? "yyyy-MM-dd HH:mm" : "HH:mm", zone: zone) + " UTC+8"
    }

    /// The moment `day` (year, month, day) at `hms` names in UTC+8; `nil` for an impossible date or time.
    private static func time(day: ArraySlice<String>, hms: String) -> Date? {
        let digits = Array(hms)
        guard let year = Int(day[day.startIndex]), let month = Int(day[day.startIndex + 1]),
            let dayOfMonth = Int(day[day.startIndex + 2]), let hour = Int(String(digits[0...1])),
            let minute = Int(String(digits[2...3])), let second = Int(String(digits[4...5])),
            (1...12).contains(month), (1...31).contains(dayOfMonth), hour < 24, minute < 60, second < 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == dayOfMonth
        else { return nil }
        return date
    }
}
