import Foundation

/// The mergeable manifest (DESIGN §3): every merged candidate as `url,type,priority,hits,changed`, the CSV that
/// `plan --emit manifest` writes and every input reader accepts.
///
/// Several hosts each emit their own; one central `run` over all of them sums the hits and keeps the latest change,
/// as if it had read every host's logs itself. A log warehouse query can write the same CSV.
package enum ManifestWriter {
    package static let header = "url,type,priority,hits,changed"

    /// Writes `candidates` (in the order given) the way reports are written (atomically to a regular file).
    package static func write(_ candidates: [Candidate], to destination: ReportDestination) throws(ReportError) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        try ReportWriter.writeCSV(
            candidates.filter { !$0.collapsed }, header: Array((header + "\n").utf8),
            encode: { candidate, output in
                CSVEncoding.appendField(candidate.url, to: &output)
                output.append(0x2C)
                output.append(contentsOf: candidate.type.rawValue.utf8)
                output.append(0x2C)
                CSVEncoding.appendNumber(candidate.priority, to: &output)
                output.append(0x2C)
                CSVEncoding.appendNumber(candidate.hits, to: &output)
                output.append(0x2C)
                if let change = candidate.latestChange {
                    output.append(
                        contentsOf: formatter.string(from: Date(timeIntervalSince1970: TimeInterval(change))).utf8)
                }
                output.append(0x0A)
            }, to: destination)
    }
}
