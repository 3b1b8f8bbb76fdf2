extension RunSummary {
    /// The summary as a document (`--summary json`, the journal) for a process exiting with `exitCode`.
    package func document(exitCode: Int32) -> SummaryDocument {
        var document = SummaryDocument()
        document.command = command
        document.inputs = inputCount
        document.elapsedSeconds = (elapsedSeconds * 1000).rounded() / 1000
        document.lines = SummaryDocument.Lines(
            read: lines.lines, skipped: lines.skipped, candidates: lines.candidateLines, hits: lines.hitLines,
            ignored: lines.ignored, invalid: lines.invalid)
        document.entries = Dictionary(
            uniqueKeysWithValues: ReportStatus.allCases.map { ($0.rawValue, statusCounts[$0] ?? 0) })
        document.requests = requests
        document.retries = retries
        document.untouchedBacklog = untouchedBacklog
        document.damagedInputs = damagedInputs.map { "\($0)" }
        document.partial = isPartial
        document.exitCode = Int(exitCode)
        if let start = quotaStart, let left = quotaLeft {
            document.quota = SummaryDocument.QuotaFigures(
                start: SummaryDocument.Quota(start), left: SummaryDocument.Quota(left), origin: quotaOrigin)
        }
        document.backlogEntries = backlogSize
        document.collapse = collapse.map {
            SummaryDocument.Collapse(
                coveredFiles: $0.coveredFiles, directories: $0.directories, ignoreparams: $0.ignoreParams,
                deferredWithout: $0.deferredWithout, deferredWith: $0.deferredWith)
        }
        document.pacing = pacing.map { pacing in
            SummaryDocument.Pacing(
                domains: pacing.domains.map {
                    SummaryDocument.Pacing.Domain(domain: $0.domain, urlsPerMinute: $0.urlsPerMinute, source: $0.source)
                }, refusals: pacing.refusals, waitSeconds: (pacing.waitSeconds * 1000).rounded() / 1000,
                deferred: pacing.deferred)
        }
        document.pacingDeferred = pacing?.deferred ?? 0
        document.cdnLogs = cdnLogs.isEmpty ? nil : cdnLogs
        document.sls = sls.isEmpty ? nil : sls
        document.verified = verified.isEmpty ? nil : verified
        document.prefetched = prefetched.isEmpty ? nil : prefetched
        document.stopReason = stopReason
        return document
    }

    /// The summary as one JSON object (`--summary json`): the figures of ``render()``, for monitoring.
    ///
    /// Keys are sorted, so the same run always prints the same text. `exitCode` is the process's exit code.
    package func json(exitCode: Int32) -> String {
        JSONText.encode(document(exitCode: exitCode))
    }
}
