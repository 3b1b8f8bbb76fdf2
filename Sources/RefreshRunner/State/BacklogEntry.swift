import CDNRefresh
import Foundation

/// An entry kept for a later run: deferred for quota, failed for a passing reason, or claimed by a run that
/// has not yet had it accepted.
public struct BacklogEntry: Sendable, Equatable {
    public var url: String
    public var type: EntryType
    public var priority: Int?
    public var hits: Int
    public var latestChange: Int64?
    /// When a run first saw it.
    public var firstSeen: Date
    /// The `file:line` it came from.
    public var source: String

    public init(
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
    public func candidate(ordinal: Int) -> Candidate {
        Candidate(
            url: url, type: type, source: .recorded(source), occurrences: 0, hits: hits, latestChange: latestChange,
            priority: priority, backlogSince: Int64(firstSeen.timeIntervalSince1970),
            appearance: Appearance(group: 0, ordinal: ordinal))
    }

    /// A backlog entry for a planned candidate.
    public init(candidate: Candidate, inputNames: [String], seenAt: Date) {
        self.init(
            url: candidate.url, type: candidate.type, priority: candidate.priority, hits: candidate.hits,
            latestChange: candidate.latestChange,
            firstSeen: candidate.backlogSince.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? seenAt,
            source: candidate.source.text(inputNames: inputNames))
    }
}

/// A request the journal shows as `sending`: its answer never arrived (a killed run, a lost connection).
public struct PendingRequest: Sendable, Equatable {
    public var key: String
    public var runID: String
    public var type: EntryType
    public var urls: [String]
    public var sentAt: Date
}

/// A URL an interrupted run had accepted.
public struct EarlierAcceptance: Sendable, Equatable {
    public var url: String
    public var type: EntryType
    public var acceptedAt: Date
    public var requestID: String
    public var taskIDs: [String]
    public var runID: String
}
