#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the CSV report.
///
/// A regular file (or a new one) is written atomically (``AtomicFile``, mode 0600), so a reader never sees half a
/// report and a failed run never leaves one. Where it may go is ``OutputFile``'s rule: a symbolic link only when the
/// user owns it (the link stays, its target is replaced), never a device, a FIFO or a directory — `-` is standard
/// output.
package enum ReportWriter {
    /// Writes the header and the rows of a plan, 64 KiB at a time.
    ///
    /// The same as the generic ``write(_:to:)-(some Sequence<ReportRow>,_)``, compiled for this sequence so that
    /// rows are not passed one by one through protocol witnesses.
    package static func write(_ rows: PlanRows, to destination: ReportDestination) throws(ReportError) {
        try writeRows(rows, to: destination)
    }

    /// Writes the header and `rows`, 64 KiB at a time.
    package static func write(_ rows: some Sequence<ReportRow>, to destination: ReportDestination) throws(ReportError) {
        try writeRows(rows, to: destination)
    }

    @inline(__always)
    private static func writeRows(_ rows: some Sequence<ReportRow>, to destination: ReportDestination)
        throws(ReportError)
    {
        var header: [UInt8] = []
        CSVEncoding.appendHeader(to: &header)
        try writeCSV(rows, header: header, encode: CSVEncoding.appendRecord, to: destination)
    }

    /// Writes a CSV document — `header`, then each record as `encode` appends it — the way reports are written:
    /// streamed to standard output, or atomically to a file ``OutputFile`` allows (never a device or a FIFO), 64 KiB
    /// at a time.
    static func writeCSV<Record>(
        _ records: some Sequence<Record>, header: [UInt8], encode: @escaping (Record, inout [UInt8]) -> Void,
        to destination: ReportDestination
    ) throws(ReportError) {
        let document = Document(records: records, header: header, encode: encode)
        switch destination {
        case .standardOutput:
            try stream(document, to: STDOUT_FILENO, path: "standard output")
        case .file(let path):
            switch OutputFile.resolve(path) {
            case .success(let resolved): try replaceAtomically(resolved, reportedAs: path, with: document)
            case .failure(let refusal): throw .refused(refusal)
            }
        }
    }

    /// A CSV document to write.
    private struct Document<Records: Sequence> {
        var records: Records
        var header: [UInt8]
        var encode: (Records.Element, inout [UInt8]) -> Void
    }

    private static func replaceAtomically<Records>(
        _ path: String, reportedAs name: String, with document: Document<Records>
    ) throws(ReportError) {
        do {
            try AtomicFile.replace(path, mode: 0o600) { fd throws(FileWriteFailure) in try stream(document, to: fd) }
        } catch {
            switch error.step {
            case .create: throw .cannotCreate(path: name, reason: error.reason)
            case .write, .rename: throw .writeFailed(path: name, reason: error.reason)
            }
        }
    }

    private static func stream<Records>(_ document: Document<Records>, to fd: Int32, path: String)
        throws(ReportError)
    {
        do {
            try stream(document, to: fd)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }

    private static func stream<Records>(_ document: Document<Records>, to fd: Int32) throws(FileWriteFailure) {
        var output: [UInt8] = []
        output.reserveCapacity(80 * 1024)
        output += document.header
        for record in document.records {
            document.encode(record, &output)
            if output.count >= 64 * 1024 {
                try AtomicFile.writeAll(output, to: fd)
                output.removeAll(keepingCapacity: true)
            }
        }
        try AtomicFile.writeAll(output, to: fd)
    }
}
