/// The mergeable manifest (DESIGN §3): every merged candidate as `url,type,priority,hits,changed`, the CSV that
/// `plan --emit manifest` writes and every input reader accepts.
///
/// Several hosts each emit their own; one central `run` over all of them sums the hits and keeps the latest change,
/// as if it had read every host's logs itself. A log warehouse query can write the same CSV.
package enum ManifestWriter {
    package static let header = "url,type,priority,hits,changed"

    /// Writes `candidates` (in the order given) the way reports are written (atomically to a regular file).
    package static func write(_ candidates: [Candidate], to destination: ReportDestination) throws(ReportError) {
        try ReportWriter.writeCSV(
            candidates.filter { !$0.collapsed }, header: Array((header + "\n").utf8),
            encode: { candidate, output in
                appendRecord(
                    url: candidate.url, type: candidate.type, priority: candidate.priority, hits: candidate.hits,
                    changed: candidate.latestChange, to: &output)
            }, to: destination)
    }

    /// Appends one manifest record: `url,type,priority,hits,changed` and a newline (empty cells for what is not
    /// known).
    package static func appendRecord(
        url: String, type: EntryType?, priority: Int?, hits: Int?, changed: Int64?, to output: inout [UInt8]
    ) {
        CSVEncoding.appendField(url, to: &output)
        output.append(0x2C)
        if let type { output.append(contentsOf: type.rawValue.utf8) }
        output.append(0x2C)
        CSVEncoding.appendNumber(priority, to: &output)
        output.append(0x2C)
        CSVEncoding.appendNumber(hits, to: &output)
        output.append(0x2C)
        if let changed { appendISOTime(changed, to: &output) }
        output.append(0x0A)
    }

    /// Unix seconds as `2026-11-24T02:00:00Z` (UTC), without a formatter: a manifest may hold a million of them.
    package static func isoTime(_ seconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendISOTime(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``isoTime(_:)``'s text, digit by digit.
    static func appendISOTime(_ seconds: Int64, to output: inout [UInt8]) {
        let days = Int64((Double(seconds) / 86_400).rounded(.down))
        let second = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ width: Int) {
            if value < 0 || value >= 10_000 || width > 4 {
                output.append(contentsOf: String(value).utf8)
                return
            }
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                output.append(0x30 + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        output.append(0x2D)
        digits(month, 2)
        output.append(0x2D)
        digits(day, 2)
        output.append(0x54)
        digits(second / 3600, 2)
        output.append(0x3A)
        digits(second % 3600 / 60, 2)
        output.append(0x3A)
        digits(second % 60, 2)
        output.append(0x5A)
    }
}
