import CDNRefresh
import Foundation
import GRDB
import Support

/// One quota day (00:00 to 24:00 UTC+8, as Alibaba's daily quota) in the journal.
package struct HistoryDay: Sendable, Equatable, Encodable {
    /// `YYYY-MM-DD` in UTC+8.
    package var day: String
    /// Quota spent by accepted requests: URLs (files), directories, IgnoreParams entries, regexes, prefetched URLs.
    package var urls = 0
    package var directories = 0
    package var ignoreParams = 0
    package var regex = 0
    package var prefetch = 0
    /// Entries the runs of the day reported accepted (submitted or complete), failed and deferred.
    package var accepted = 0
    package var failed = 0
    package var deferred = 0
    /// The backlog after the day's last run (`nil` when no run of the day recorded it).
    package var backlog: Int?
    /// The URL quota left when the day's first run started (`nil` when unknown).
    package var urlQuotaAtStart: Int?
    package var runs = 0

    package init(day: String) {
        self.day = day
    }

    enum CodingKeys: String, CodingKey {
        case day, urls, directories, regex, prefetch, accepted, failed, deferred, backlog, runs
        case ignoreParams = "ignoreparams"
        case urlQuotaAtStart = "url_quota_at_start"
    }
}

/// `cdn-refresh history`: what the journal says each quota day spent and left.
extension StateStore {
    /// Quota days from `days` days before `now` to `now`, oldest first; days without runs or requests are left out.
    package func history(days: Int, now: Date) throws(StateError) -> [HistoryDay] {
        let cutoff = Self.quotaDayStart(of: now).addingTimeInterval(-Double(max(0, days - 1)) * 86_400)
        return try read { db in
            var byDay: [String: HistoryDay] = [:]
            func update(_ time: Double, _ change: (inout HistoryDay) -> Void) {
                let day = Self.quotaDay(of: Date(timeIntervalSince1970: time))
                change(&byDay[day, default: HistoryDay(day: day)])
            }
            let requests = try Row.fetchCursor(
                db,
                sql: """
                    SELECT object_type, url_count, status, found, coalesce(finished_at, sent_at) AS time
                    FROM request WHERE sent_at >= ? AND status IN ('accepted', 'reconciled')
                    """, arguments: [cutoff.timeIntervalSince1970])
            while let row = try requests.next() {
                let type: String = row["object_type"]
                let status: String = row["status"]
                let found: String? = row["found"]
                let count: Int =
                    status == "accepted" ? row["url_count"] : (found?.split(separator: "\n").count ?? 0)
                update(row["time"]) { day in
                    switch type {
                    case "directory": day.directories += count
                    case "ignoreparams": day.ignoreParams += count
                    case "regex": day.regex += count
                    case WriteKind.prefetch.journalName: break  // counted from the runs' summaries, as before v5
                    default: day.urls += count
                    }
                }
            }
            let runs = try Row.fetchCursor(
                db,
                sql: """
                    SELECT finished_at, summary FROM run
                    WHERE finished_at >= ? AND summary IS NOT NULL ORDER BY finished_at
                    """, arguments: [cutoff.timeIntervalSince1970])
            while let row = try runs.next() {
                let text: String = row["summary"]
                guard let summary = JSONText.decode(SummaryDocument.self, from: text) else { continue }
                let entries = summary.entries
                let prefetched = summary.prefetched ?? [:]
                update(row["finished_at"]) { day in
                    day.runs += 1
                    day.accepted += (entries["submitted"] ?? 0) + (entries["complete"] ?? 0)
                    day.failed += entries["failed"] ?? 0
                    day.deferred += entries["deferred"] ?? 0
                    day.prefetch += (prefetched["submitted"] ?? 0) + (prefetched["complete"] ?? 0)
                    if let backlog = summary.backlogEntries { day.backlog = backlog }
                    if day.urlQuotaAtStart == nil, let urls = summary.quota?.start.urls { day.urlQuotaAtStart = urls }
                }
            }
            return byDay.values.sorted { $0.day < $1.day }
        }
    }

    /// The quota day of `date`: its date in UTC+8, when Alibaba's daily quotas reset.
    static func quotaDay(of date: Date) -> String {
        FixedDate.string(date, "yyyy-MM-dd", zone: FixedDate.china)
    }

    /// 00:00 UTC+8 of the quota day of `date`.
    static func quotaDayStart(of date: Date) -> Date {
        let shifted = date.timeIntervalSince1970 + 8 * 3600
        return Date(timeIntervalSince1970: (shifted / 86_400).rounded(.down) * 86_400 - 8 * 3600)
    }
}
