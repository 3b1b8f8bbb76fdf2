/// One row of the CSV report (DESIGN §9).
package struct ReportRow: Sendable, Equatable {
    /// The exact header line's columns.
    package static let columns = [
        "url", "type", "status", "priority", "hits", "occurrences", "source", "batch", "attempts", "http_status",
        "error_code", "error_message", "request_id", "task_id", "task_status", "covered_by", "prefetch",
        "prefetch_task_id", "verify",
    ]

    package var url: String
    package var type: EntryType?
    package var status: ReportStatus
    package var priority: Int?
    package var hits: Int?
    package var occurrences: Int?
    package var source: String
    package var batch: Int?
    package var attempts: Int?
    package var httpStatus: Int?
    package var errorCode: String = ""
    package var errorMessage: String = ""
    package var requestID: String = ""
    package var taskID: String = ""
    package var taskStatus: String = ""
    /// For a covered entry: the URL of the Directory or IgnoreParams entry that refreshes it.
    package var coveredBy: String = ""
    /// What prefetching did with the URL (`submitted`, `complete`, `failed`, `deferred`); empty when it is off.
    package var prefetch: String = ""
    package var prefetchTaskID: String = ""
    /// What verification found (`fresh`, `stale`, `unknown`); empty when it is off.
    package var verify: String = ""

    package init(
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
    package init(candidate: borrowing Candidate, status: ReportStatus, batch: Int? = nil, inputNames: [String]) {
        self.init(
            url: candidate.url, type: candidate.type, status: status, priority: candidate.priority,
            hits: candidate.hits, occurrences: candidate.occurrences,
            source: candidate.source.text(inputNames: inputNames), batch: batch)
        if let coveredBy = candidate.coveredBy { self.coveredBy = coveredBy }
    }

    /// A row for an input line that could not be used.
    package init(invalid line: InvalidLine, inputNames: [String]) {
        self.init(
            url: line.text, type: line.type, status: .invalid, source: line.source.text(inputNames: inputNames))
        self.errorCode = line.failure.code
        self.errorMessage = line.failure.message
    }
}

extension ReportRow {
    /// Rows for a plan as `plan` reports it: planned entries by batch, then deferred, covered, invalid.
    ///
    /// The rows are made one at a time as they are written, not held all at once.
    package static func planRows(for plan: Plan, inputNames: [String]) -> PlanRows {
        PlanRows(plan: plan, inputNames: inputNames)
    }
}
