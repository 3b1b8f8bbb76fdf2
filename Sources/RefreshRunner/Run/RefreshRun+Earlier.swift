import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// How long the API remembers refresh tasks (`DescribeRefreshTasks` covers the last 3 days).
    static let taskMemory: Double = 3 * 86_400

    /// Drops what earlier runs already had accepted, and returns its rows.
    ///
    /// What an interrupted run accepted is dropped unless it changed since (an entry without a time counts as
    /// unchanged: the killed run was sending today's input); a file beneath a Directory entry (or a query variant of
    /// an IgnoreParams entry) such a run had accepted is dropped too. What any run accepted within the API's 3-day
    /// task memory is `skipped` when the candidate's last sighting (its log time, or a manifest's `changed`) is not
    /// later: rerunning after an exit 1 pays only for what is left. An entry without a time is sent as usual, and
    /// `--refresh-again` sends everything.
    func skipEarlierAcceptances(
        _ candidates: inout [Candidate], store: StateStore?, settlement: Settlement, inputNames: [String]
    ) throws(StateError) -> [ReportRow] {
        let since = clock.wallNow.addingTimeInterval(-Self.taskMemory)
        let all = configuration.refreshAgain ? [] : try store?.acceptances(since: since) ?? []
        let acceptances = configuration.refreshAgain ? try store?.acceptancesOfInterruptedRuns() ?? [] : all
        guard !acceptances.isEmpty else { return [] }
        let index = AcceptanceIndex(acceptances)
        let earlier = index.interrupted
        var rows: [ReportRow] = []
        var reported: Set<CandidateKey> = []
        var skippedFromBacklog: [EntryType: [String]] = [:]
        candidates = candidates.filter { candidate in
            func isUnchanged(since acceptance: EarlierAcceptance) -> Bool {
                (candidate.latestChange ?? .min) <= Int64(acceptance.acceptedAt.timeIntervalSince1970)
            }
            if let acceptance = earlier[candidate.key], isUnchanged(since: acceptance) {
                rows.append(RunReport.earlier(candidate, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                return false
            }
            if candidate.type == .file || candidate.type == .directory,
                let covering = Coverage.entry(
                    covering: candidate.url, directories: index.directories,
                    ignoreParams: candidate.type == .file ? index.ignoreParams : []),
                let acceptance = earlier[
                    CandidateKey(url: covering, type: index.directories.contains(covering) ? .directory : .ignoreparams)
                ],
                isUnchanged(since: acceptance)
            {
                rows.append(
                    RunReport.earlier(candidate, coveredBy: covering, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                return false
            }
            if let acceptance = index.latest[candidate.key], let seen = candidate.latestChange,
                seen <= Int64(acceptance.acceptedAt.timeIntervalSince1970)
            {
                rows.append(RunReport.skipped(candidate, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                if candidate.isFromBacklog { skippedFromBacklog[candidate.type, default: []].append(candidate.url) }
                return false
            }
            return true
        }
        // Refreshed after their last change: nothing is left to do for them.
        for (type, urls) in skippedFromBacklog { try store?.removeFromBacklog(urls: urls, type: type) }
        // Backlog entries the look-ups found accepted left the backlog; report them once.
        for (ordinal, entry) in settlement.backlogBefore.enumerated() {
            let key = CandidateKey(url: entry.url, type: entry.type)
            guard settlement.recovered.contains(key), !reported.contains(key), let acceptance = earlier[key] else {
                continue
            }
            rows.append(
                RunReport.earlier(entry.candidate(ordinal: ordinal), acceptance: acceptance, inputNames: inputNames))
        }
        return rows
    }
}

/// Earlier runs' acceptances by entry: the latest of each, and those of interrupted runs with the Directory and
/// IgnoreParams entries among them (whose files a rerun of the same input must not send again).
struct AcceptanceIndex {
    var latest: [CandidateKey: EarlierAcceptance] = [:]
    var interrupted: [CandidateKey: EarlierAcceptance] = [:]
    var directories: Set<String> = []
    var ignoreParams: Set<String> = []

    init(_ acceptances: [EarlierAcceptance]) {
        for acceptance in acceptances {
            let key = CandidateKey(url: acceptance.url, type: acceptance.type)
            latest[key] = acceptance
            guard acceptance.interrupted else { continue }
            interrupted[key] = acceptance
            switch acceptance.type {
            case .directory: directories.insert(acceptance.url)
            case .ignoreparams: ignoreParams.insert(acceptance.url)
            case .file, .regex: break
            }
        }
    }
}
