/// Reads a manifest written as RFC 4180 CSV whose header names a `url` column (optionally `type`, `priority`,
/// `hits`, `changed`) — the mergeable manifest that `plan --emit manifest` writes (DESIGN §3).
///
/// Each record must fit on one line: a quoted field that does not close on its line makes the line invalid.
struct CSVManifestParser: Sendable {
    /// One record's fields.
    struct Fields {
        var url: String
        var type: EntryType?
        var priority: Int?
        /// Reads to add to the entry's hits.
        var hits = 0
        /// Its latest change, Unix seconds.
        var changed: Int64?
    }

    let urlColumn: Int
    let typeColumn: Int?
    let priorityColumn: Int?
    let hitsColumn: Int?
    let changedColumn: Int?

    /// Recognises a header line; `nil` when the line is not a CSV header with a `url` column.
    init?(header line: UnsafeBufferPointer<UInt8>) {
        guard let names = Self.fields(line)?.map({ $0.trimmingSpaces().lowercased() }),
            let url = names.firstIndex(of: "url"),
            names.allSatisfy({ name in name.utf8.allSatisfy { Self.isHeaderByte($0) } })
        else { return nil }
        self.urlColumn = url
        self.typeColumn = names.firstIndex(of: "type")
        self.priorityColumn = names.firstIndex(of: "priority")
        self.hitsColumn = names.firstIndex(of: "hits")
        self.changedColumn = names.firstIndex(of: "changed")
    }

    /// Parses a data line into the entry's fields; `nil` for blank and `#` lines.
    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<Fields, LineFailure>? {
        var start = 0
        while start < line.count, URLByte.isSpace(line[start]) { start += 1 }
        if start == line.count || line[start] == 0x23 { return nil }
        guard let fields = Self.fields(line) else {
            return .failure(
                LineFailure(
                    code: "MalformedLine",
                    message: "not a valid CSV record: a quoted field is not closed on its line"))
        }
        func field(_ index: Int?) -> String {
            guard let index, index < fields.count else { return "" }
            return fields[index].trimmingSpaces()
        }
        var type: EntryType?
        let typeText = field(typeColumn)
        if !typeText.isEmpty {
            guard let parsed = EntryType(field: typeText) else { return .failure(ManifestParser.unknownType(typeText)) }
            type = parsed
        }
        var priority: Int?
        let priorityText = field(priorityColumn)
        if !priorityText.isEmpty {
            guard let parsed = Int(priorityText) else { return .failure(ManifestParser.badPriority(priorityText)) }
            priority = parsed
        }
        var parsed = Fields(url: field(urlColumn), type: type, priority: priority)
        let hitsText = field(hitsColumn)
        if !hitsText.isEmpty {
            guard let hits = Int(hitsText), hits >= 0 else {
                return .failure(LineFailure(code: "InvalidHits", message: "hits '\(hitsText)' is not a count"))
            }
            parsed.hits = hits
        }
        let changedText = field(changedColumn)
        if !changedText.isEmpty {
            guard let changed = Self.unixTime(iso8601: changedText) else {
                return .failure(
                    LineFailure(
                        code: "InvalidChanged",
                        message: "changed '\(changedText)' is not an ISO 8601 time such as 2026-11-24T02:00:00Z"))
            }
            parsed.changed = changed
        }
        return .success(parsed)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` (fractions of a second are dropped) as Unix seconds.
    static func unixTime(iso8601 text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for b in bytes[range] {
                guard (0x30...0x39).contains(b) else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var rest = bytes[19...]
        if rest.first == 0x2E { rest = rest.drop { (0x30...0x39).contains($0) || $0 == 0x2E } }
        var offset: Int64 = 0
        if rest.elementsEqual([0x5A]) {
            offset = 0
        } else if rest.count == 6, rest.first == 0x2B || rest.first == 0x2D, rest[rest.startIndex + 3] == 0x3A {
            let start = rest.startIndex
            guard let hours = number((start + 1)..<(start + 3)), let minutes = number((start + 4)..<(start + 6)) else {
                return nil
            }
            offset = (hours * 3600 + minutes * 60) * (rest.first == 0x2B ? 1 : -1)
        } else {
            return nil
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// Header names are words (`url`, `type`, `priority`, `note` …): a URL line is never mistaken for a header.
    private static func isHeaderByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F || b == 0x2D || b == 0x20
    }

    /// Splits one CSV line into unquoted fields; `nil` if a quoted field is not closed.
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String]? {
        var fields: [String] = []
        fields.reserveCapacity(8)
        var current: [UInt8] = []
        current.reserveCapacity(line.count)
        var i = 0
        var inQuotes = false
        var fieldStarted = false
        while i < line.count {
            let b = line[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < line.count, line[i + 1] == 0x22 {
                        current.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(b)
                }
            } else if b == 0x2C {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                fieldStarted = false
            } else if b == 0x22 && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else {
                if !URLByte.isSpace(b) { fieldStarted = true }
                current.append(b)
            }
            i += 1
        }
        if inQuotes { return nil }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}
