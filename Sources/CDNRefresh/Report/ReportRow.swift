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

/// The report rows of a plan, made on demand in report order (see ``ReportRow/planRows(for:inputNames:)``).
package struct PlanRows: Sequence, Sendable {
    let plan: Plan
    let inputNames: [String]

    package func makeIterator() -> Iterator {
        Iterator(plan: plan, inputNames: inputNames)
    }

    /// Walks the plan's lists in report order: planned entries by batch, then deferred, covered and invalid.
    package struct Iterator: IteratorProtocol {
        private enum Section { case planned, deferred, covered, invalid, done }

        private let plan: Plan
        private let inputNames: [String]
        private var section = Section.planned
        private var batch = 0
        private var index = 0

        init(plan: Plan, inputNames: [String]) {
            self.plan = plan
            self.inputNames = inputNames
        }

        package mutating func next() -> ReportRow? {
            while true {
                switch section {
                case .planned:
                    guard batch < plan.batches.count else {
                        advance(to: .deferred)
                        continue
                    }
                    let entries = plan.batches[batch].entries
                    guard index < entries.count else {
                        batch += 1
                        index = 0
                        continue
                    }
                    index += 1
                    return ReportRow(
                        candidate: entries[index - 1], status: .planned, batch: plan.batches[batch].number,
                        inputNames: inputNames)
                case .deferred:
                    guard index < plan.deferred.count else {
                        advance(to: .covered)
                        continue
                    }
                    index += 1
                    let candidate = plan.deferred[index - 1]
                    if candidate.isCarriedOverUntouched { continue }
                    return ReportRow(candidate: candidate, status: .deferred, inputNames: inputNames)
                case .covered:
                    guard index < plan.covered.count else {
                        advance(to: .invalid)
                        continue
                    }
                    index += 1
                    return ReportRow(candidate: plan.covered[index - 1], status: .covered, inputNames: inputNames)
                case .invalid:
                    guard index < plan.invalid.count else {
                        advance(to: .done)
                        continue
                    }
                    index += 1
                    return ReportRow(invalid: plan.invalid[index - 1], inputNames: inputNames)
                case .done:
                    return nil
                }
            }
        }

        private mutating func advance(to next: Section) {
            section = next
            index = 0
        }
    }
}
