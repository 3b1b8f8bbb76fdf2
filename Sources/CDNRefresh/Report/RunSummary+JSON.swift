import Foundation

extension RunSummary {
    /// The summary as one JSON object (`--summary json`): the figures of ``render()``, for monitoring.
    ///
    /// Keys are sorted, so the same run always prints the same text. `exitCode` is the process's exit code.
    package func json(exitCode: Int32) -> String {
        func quota(_ quota: RefreshQuota) -> [String: Int] {
            [
                "urls": quota.urls, "directories": quota.directories, "regex": quota.regex,
                "ignoreparams": quota.ignoreParams,
            ]
        }
        var object: [String: Any] = [
            "command": command, "inputs": inputCount, "elapsed_seconds": (elapsedSeconds * 1000).rounded() / 1000,
            "lines": [
                "read": lines.lines, "skipped": lines.skipped, "candidates": lines.candidateLines,
                "hits": lines.hitLines, "ignored": lines.ignored, "invalid": lines.invalid,
            ],
            "entries": Dictionary(
                uniqueKeysWithValues: ReportStatus.allCases.map { ($0.rawValue, statusCounts[$0] ?? 0) }),
            "requests": requests, "retries": retries, "untouched_backlog": untouchedBacklog,
            "damaged_inputs": damagedInputs.map { "\($0)" }, "partial": isPartial, "exit_code": Int(exitCode),
        ]
        if let start = quotaStart, let left = quotaLeft {
            object["quota"] = ["start": quota(start), "left": quota(left), "origin": quotaOrigin]
        }
        if let backlogSize { object["backlog_entries"] = backlogSize }
        if let collapse {
            object["collapse"] = [
                "covered_files": collapse.coveredFiles, "directories": collapse.directories,
                "ignoreparams": collapse.ignoreParams, "deferred_without": collapse.deferredWithout,
                "deferred_with": collapse.deferredWith,
            ]
        }
        if !verified.isEmpty { object["verified"] = verified }
        if !prefetched.isEmpty { object["prefetched"] = prefetched }
        if let stopReason { object["stop_reason"] = stopReason }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
