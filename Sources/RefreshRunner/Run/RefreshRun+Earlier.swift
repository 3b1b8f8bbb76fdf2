import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// Drops what an interrupted run already had accepted, unless it changed since, and returns its rows.
    ///
    /// A file beneath a Directory entry (or a query variant of an IgnoreParams entry) such a run had accepted is
    /// dropped too: that entry refreshed it.
    func skipEarlierAcceptances(
        _ candidates: inout [Candidate], store: StateStore?, settlement: Settlement, inputNames: [String]
    ) throws(StateError) -> [ReportRow] {
        let acceptances = try store?.acceptancesOfInterruptedRuns() ?? []
        guard !acceptances.isEmpty else { return [] }
        var earlier: [CandidateKey: EarlierAcceptance] = [:]
        var directories: Set<String> = []
        var ignoreParams: Set<String> = []
        for acceptance in acceptances {
            earlier[CandidateKey(url: acceptance.url, type: acceptance.type)] = acceptance
            switch acceptance.type {
            case .directory: directories.insert(acceptance.url)
            case .ignoreparams: ignoreParams.insert(acceptance.url)
            case .file, .regex: break
            }
        }
        var rows: [ReportRow] = []
        var reported: Set<CandidateKey> = []
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
                    covering: candidate.url, directories: directories,
                    ignoreParams: candidate.type == .file ? ignoreParams : []),
                let acceptance = earlier[
                    CandidateKey(url: covering, type: directories.contains(covering) ? .directory : .ignoreparams)],
                isUnchanged(since: acceptance)
            {
                rows.append(
                    RunReport.earlier(candidate, coveredBy: covering, acceptance: acceptance, inputNames: inputNames))
                reported.insert(candidate.key)
                return false
            }
            return true
        }
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
