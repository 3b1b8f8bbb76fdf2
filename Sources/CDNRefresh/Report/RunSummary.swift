import Support

/// The counts a run ends with; rendered on standard error and deciding the exit code.
package struct RunSummary: Sendable {
    /// `plan` or `run`.
    package var command: String
    package var inputCount = 0
    package var lines = InputCounters()
    /// Inputs that could not be read to their end.
    package var damagedInputs: [InputError] = []
    package var statusCounts: [ReportStatus: Int] = [:]
    /// Requests planned (`plan`) or sent at least once (`run`).
    package var requests = 0
    /// API calls repeated after a retryable failure.
    package var retries = 0
    package var elapsedSeconds = 0.0
    /// The quota the plan started from, and what is left after it.
    package var quotaStart: RefreshQuota?
    package var quotaLeft: RefreshQuota?
    /// Where the quota figures came from (`assumed`, `--quota-*`, `DescribeRefreshQuota`).
    package var quotaOrigin = ""
    /// Invalid rows per error code, for hints.
    package var invalidCodes: [String: Int] = [:]
    /// A fatal problem that stopped the run early (authentication refused, say).
    package var stopReason: String?
    /// What collapsing did, when it covered anything.
    package var collapse: CollapseSummary?
    /// Carried-over backlog entries deferred again without a report row.
    package var untouchedBacklog = 0
    /// `--verify`: URLs checked through the CDN, by verdict (`fresh`, `stale`, `unknown`).
    package var verified: [String: Int] = [:]
    /// `--prefetch`: URLs pushed back into the caches, by outcome (`complete`, `submitted`, `failed`, `deferred`).
    package var prefetched: [String: Int] = [:]
    /// The backlog's size when the run ended (`run` with state only).
    package var backlogSize: Int?
    /// How per-domain limits paced the run, when any did (or the API refused for pacing).
    package var pacing: PacingSummary?
    /// What each `cdn:DOMAIN` input listed.
    package var cdnLogs: [CDNLogCoverage] = []
    /// What each `sls:PROJECT/LOGSTORE` input got.
    package var sls: [SLSCoverage] = []

    package init(command: String) {
        self.command = command
    }

    /// Counts what the inputs held: how many, their lines, and those that could not be read to their end.
    package mutating func add(inputs digests: [InputDigest]) {
        inputCount += digests.count
        for digest in digests {
            lines.add(digest.counters)
            if let damage = digest.damage { damagedInputs.append(damage) }
        }
        for index in cdnLogs.indices { cdnLogs[index].noteUnreadable(damagedInputs) }
    }

    /// Counts rows by status and invalid rows by code.
    package mutating func count(_ rows: some Sequence<ReportRow>) {
        for row in rows {
            statusCounts[row.status, default: 0] += 1
            if row.status == .invalid { invalidCodes[row.errorCode, default: 0] += 1 }
        }
    }

    /// Counts the rows a plan reports (see ``ReportRow/planRows(for:inputNames:)``) without making them.
    package mutating func count(_ plan: Plan) {
        statusCounts[.planned, default: 0] += plan.batches.reduce(0) { $0 + $1.entries.count }
        let untouched = plan.deferred.count { $0.isCarriedOverUntouched }
        statusCounts[.deferred, default: 0] += plan.deferred.count - untouched
        untouchedBacklog += untouched
        statusCounts[.covered, default: 0] += plan.covered.count
        statusCounts[.invalid, default: 0] += plan.invalid.count
        for line in plan.invalid { invalidCodes[line.failure.code, default: 0] += 1 }
    }

    /// Whether the run is partial (exit 1): some entry failed or is invalid, an input was not read to its end, or a
    /// selected entry could not be sent within `--pace-timeout` (it waits in the backlog; unlike a deferral for the
    /// daily quota, it was meant to go today).
    package var isPartial: Bool {
        !damagedInputs.isEmpty || (statusCounts[.failed] ?? 0) > 0 || (statusCounts[.invalid] ?? 0) > 0
            || pacingDeferred > 0
    }

    /// URLs deferred because they could not be sent within `--pace-timeout`.
    package var pacingDeferred: Int { pacing?.deferred ?? 0 }

    /// What the first line adds when pacing held back every URL the run meant to send.
    private var pacingHeadline: String? {
        let sent = (statusCounts[.submitted] ?? 0) + (statusCounts[.complete] ?? 0) + (statusCounts[.failed] ?? 0)
        guard pacingDeferred > 0, sent == 0 else { return nil }
        return " — nothing sent: all \(Figures.grouped(pacingDeferred)) URLs waited on per-domain limits past "
            + "--pace-timeout and are deferred"
    }

    /// The summary text for standard error.
    package func render() -> String {
        var lines = [headline, entriesLine]
        if let quotaLine { lines.append(quotaLine) }
        lines += cdnLogs.map { "  cdn logs: " + $0.sentence }
        lines += sls.map { "  sls: " + $0.sentence }
        if let collapse { lines.append("  collapsed: " + collapse.sentence) }
        if let pacing { lines.append("  paced: " + pacing.sentence) }
        if !prefetched.isEmpty {
            let counts = ["complete", "submitted", "failed", "deferred"].compactMap { status in
                prefetched[status].map { "\(Figures.grouped($0)) \(status)" }
            }
            lines.append("  prefetched: " + counts.joined(separator: ", "))
        }
        if !verified.isEmpty {
            let counts = ["fresh", "stale", "unknown"].map { "\(Figures.grouped(verified[$0] ?? 0)) \($0)" }
            lines.append("  verified through the CDN: " + counts.joined(separator: ", "))
        }
        if let backlog = backlogLine { lines.append(backlog) }
        if let missing = invalidCodes["MissingDomain"], missing > 0 {
            lines.append("  hint: \(Figures.grouped(missing)) entries carry only a path; pass --domain HOST")
        }
        if let unmapped = invalidCodes["UnmappedHost"], unmapped > 0 {
            lines.append(
                "  hint: \(Figures.grouped(unmapped)) OSS records name an unmapped OSS host; pass --domain-map")
        }
        if let stopReason {
            lines.append("  stopped: \(stopReason)")
        }
        return lines.joined(separator: "\n")
    }

    /// `cdn-refresh run: 3 inputs, 1,234 lines, 0.42 s`, and why nothing was sent when pacing held it all.
    private var headline: String {
        let inputWord = inputCount == 1 ? "input" : "inputs"
        return "cdn-refresh \(command): \(inputCount) \(inputWord), \(Figures.grouped(self.lines.lines)) lines, "
            + "\(Figures.seconds(elapsedSeconds))" + (pacingHeadline ?? "")
    }

    /// Entries by status (planned or submitted and deferred always), requests and retries.
    private var entriesLine: String {
        let order: [ReportStatus] = [
            .planned, .submitted, .complete, .failed, .deferred, .covered, .skipped, .invalid, .expired, .dropped,
        ]
        let always: Set<ReportStatus> = command == "plan" ? [.planned, .deferred] : [.submitted, .deferred]
        let counts = order.compactMap { status -> String? in
            let count = statusCounts[status] ?? 0
            return count > 0 || always.contains(status) ? "\(Figures.grouped(count)) \(status.rawValue)" : nil
        }
        let requestWord = requests == 1 ? "request" : "requests"
        var entries = "  entries: " + counts.joined(separator: ", ")
        entries += command == "plan" ? " — \(requests) \(requestWord)" : " — \(requests) \(requestWord) sent"
        if retries > 0 { entries += ", \(retries) \(retries == 1 ? "retry" : "retries")" }
        return entries
    }

    /// The quota left of the quota the plan started with, and where that came from.
    private var quotaLine: String? {
        guard let start = quotaStart, let left = quotaLeft else { return nil }
        var quota =
            "  quota left: \(Figures.grouped(left.urls)) of \(Figures.grouped(start.urls)) URLs, "
            + "\(Figures.grouped(left.directories)) of \(Figures.grouped(start.directories)) directories"
        if start.regex != left.regex { quota += ", \(left.regex) of \(start.regex) regexes" }
        if start.ignoreParams != left.ignoreParams {
            quota += ", \(left.ignoreParams) of \(start.ignoreParams) IgnoreParams"
        }
        if !quotaOrigin.isEmpty { quota += " (\(quotaOrigin))" }
        return quota
    }

    /// What stays in the backlog, when there is something to say.
    private var backlogLine: String? {
        let untouched = "\(Figures.grouped(untouchedBacklog)) carried over untouched, not repeated in the report"
        if let backlogSize, backlogSize > 0 {
            let detail = untouchedBacklog > 0 ? " (\(untouched))" : ""
            return
                "  backlog: \(Figures.grouped(backlogSize)) entries still in the backlog\(detail) — cdn-refresh backlog list"
        }
        guard untouchedBacklog > 0 else { return nil }
        return "  backlog: \(untouched) — cdn-refresh backlog list"
    }
}
