/// One row of the CSV report (DESIGN §9).
public struct ReportRow: Sendable, Equatable {
    /// The exact header line's columns.
    public static let columns = [
        "url", "type", "status", "priority", "hits", "occurrences", "source", "batch", "attempts", "http_status",
        "error_code", "error_message", "request_id", "task_id", "task_status",
    ]

    public var url: String
    public var type: EntryType?
    public var status: ReportStatus
    public var priority: Int?
    public var hits: Int?
    public var occurrences: Int?
    public var source: String
    public var batch: Int?
    public var attempts: Int?
    public var httpStatus: Int?
    public var errorCode: String = ""
    public var errorMessage: String = ""
    public var requestID: String = ""
    public var taskID: String = ""
    public var taskStatus: String = ""

    public init(
        url: String, type: EntryType?, status: ReportStatus, priority: Int? = nil, hits: Int? = nil,
        occurrences: Int? = nil, source: String, batch: Int? = nil
    ) {
        self.url = url
        self.type = type
        self.status = status
        self.priority = priority
        self.hits = hits
        self.occurrences = occurrences
        self.source = source
        self.batch = batch
    }

    /// A row for a planned, deferred or covered entry.
    public init(candidate: Candidate, status: ReportStatus, batch: Int? = nil, inputNames: [String]) {
        self.init(
            url: candidate.url, type: candidate.type, status: status, priority: candidate.priority,
            hits: candidate.hits, occurrences: candidate.occurrences,
            source: candidate.source.text(inputNames: inputNames), batch: batch)
    }

    /// A row for an input line that could not be used.
    public init(invalid line: InvalidLine, inputNames: [String]) {
        self.init(
            url: line.text, type: line.type, status: .invalid, source: line.source.text(inputNames: inputNames))
        self.errorCode = line.failure.code
        self.errorMessage = line.failure.message
    }

    /// The cells in column order.
    var cells: [ReportCell] {
        [
            .text(url), .text(type?.rawValue ?? ""), .text(status.rawValue), .number(priority), .number(hits),
            .number(occurrences), .text(source), .number(batch), .number(attempts), .number(httpStatus),
            .text(errorCode), .text(errorMessage), .text(requestID), .text(taskID), .text(taskStatus),
        ]
    }
}

/// A report cell: a number (written as is) or text (quoted when needed, defused when formula-like).
enum ReportCell: Equatable {
    case number(Int?)
    case text(String)
}

extension ReportRow {
    /// Rows for a plan as `plan` reports it: planned entries by batch, then deferred, covered, invalid.
    public static func planRows(for plan: Plan, inputNames: [String]) -> [ReportRow] {
        var rows: [ReportRow] = []
        for batch in plan.batches {
            for entry in batch.entries {
                rows.append(ReportRow(candidate: entry, status: .planned, batch: batch.number, inputNames: inputNames))
            }
        }
        rows += plan.deferred.map { ReportRow(candidate: $0, status: .deferred, inputNames: inputNames) }
        rows += plan.covered.map { ReportRow(candidate: $0, status: .covered, inputNames: inputNames) }
        rows += plan.invalid.map { ReportRow(invalid: $0, inputNames: inputNames) }
        return rows
    }
}
