import CDNRefresh

/// The report rows of a run.
enum RunReport {
    /// A row for a submitted entry, with every submission column filled.
    static func row(_ entry: SubmittedEntry, inputNames: [String]) -> ReportRow {
        var row = ReportRow(
            candidate: entry.candidate, status: entry.outcome.status.reportStatus, batch: entry.batch,
            inputNames: inputNames)
        let outcome = entry.outcome
        row.attempts = outcome.attempts
        row.httpStatus = outcome.httpStatus
        row.errorCode = outcome.errorCode
        row.errorMessage = outcome.errorMessage
        row.requestID = outcome.requestID
        row.taskID = outcome.taskIDs.joined(separator: ",")
        row.taskStatus = outcome.taskStatus
        return row
    }

    /// A row for an entry an earlier, interrupted run had already had accepted.
    static func earlier(_ candidate: Candidate, acceptance: EarlierAcceptance, inputNames: [String]) -> ReportRow {
        var row = ReportRow(candidate: candidate, status: .submitted, inputNames: inputNames)
        row.requestID = acceptance.requestID
        row.taskID = acceptance.taskIDs.joined(separator: ",")
        row.errorMessage = "already accepted by the interrupted run \(acceptance.runID); not sent again"
        return row
    }
}
