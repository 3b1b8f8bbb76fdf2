import CDNRefresh
import Foundation

/// An entry kept for a later run: deferred for quota, failed for a passing reason, or claimed by a run that
/// has not yet had it accepted.
package struct BacklogEntry: Sendable, Equatable {
    package var url: String
    package var type: EntryType
    package var priority: Int?
    package var hits: Int
    package var latestChange: Int64?
    /// When a run first saw it.
    package var firstSeen: Date
    /// The `file:line` it came from.
    package var source: String

    package init(
        url: String, type: EntryType, priority: Int?, hits: Int, latestChange: Int64?, firstSeen: Date, source: String
    ) {
        self.url = url
        self.type = type
        self.priority = priority
        self.hits = hits
        self.latestChange = latestChange
        self.firstSeen = firstSeen
        self.source = source
    }

    /// The entry as a planning candidate (group 0: it ranks before new entries of equal priority).
    package func candidate(ordinal: Int) -> Candidate {
        Candidate(
            url: url, type: type, source: .recorded(source), occurrences: 0, hits: hits, latestChange: latestChange,
            priority: priority, backlogSince: Int64(firstSeen.timeIntervalSince1970),
            appearance: Appearance(group: 0, ordinal: ordinal))
    }

    /// A backlog entry for a planned candidate.
    package init(candidate: Candidate, inputNames: [String], seenAt: Date) {
        self.init(
            url: candidate.url, type: candidate.type, priority: candidate.priority, hits: candidate.hits,
            latestChange: candidate.latestChange,
            firstSeen: candidate.backlogSince.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? seenAt,
            source: candidate.source.text(inputNames: inputNames))
    }
}
