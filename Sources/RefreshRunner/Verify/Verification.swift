import AlibabaCDN
import CDNRefresh

/// The verification phase: after the refresh tasks complete, fetch a sample of the refreshed URLs through the
/// CDN, hottest first, at most `concurrency` at once, and judge each `fresh`, `stale` or `unknown`.
///
/// Read-only: probes never carry credentials. For a Directory or IgnoreParams entry the URLs checked are the files
/// it covered in this run (URLs that were only read are not kept, so they cannot be checked).
struct Verification {
    /// A URL to check and when its refresh completed (run clock).
    struct Target: Equatable {
        var url: String
        var hits: Int
        var completedBy: Double?
        var unfinishedAt: Double?
    }

    let options: VerifyOptions
    let probe: any EdgeProbing
    let clock: any RunnerClock

    /// The URLs to check, hottest first (then in plan order), at most the sample's size: the File entries whose
    /// task completed, and the files covered by a completed Directory or IgnoreParams entry.
    static func targets(entries: [SubmittedEntry], covered: [Candidate], limit: Int) -> [Target] {
        var targets: [Target] = []
        var covering: [String: EntryOutcome] = [:]
        for entry in entries where entry.outcome.status == .complete {
            switch entry.candidate.type {
            case .file:
                targets.append(
                    Target(
                        url: entry.candidate.url, hits: entry.candidate.hits, completedBy: entry.outcome.completedBy,
                        unfinishedAt: entry.outcome.unfinishedAt))
            case .directory, .ignoreparams:
                covering[entry.candidate.url] = entry.outcome
            case .regex:
                break
            }
        }
        for candidate in covered where candidate.type == .file {
            guard let url = candidate.coveredBy, let outcome = covering[url] else { continue }
            targets.append(
                Target(
                    url: candidate.url, hits: candidate.hits, completedBy: outcome.completedBy,
                    unfinishedAt: outcome.unfinishedAt))
        }
        let ranked = targets.enumerated().sorted { a, b in
            a.element.hits != b.element.hits ? a.element.hits > b.element.hits : a.offset < b.offset
        }
        return ranked.prefix(limit).map(\.element)
    }

    /// Checks every target, at most `options.concurrency` at once; verdicts by URL.
    func run(_ targets: [Target]) async -> [String: Verdict] {
        var verdicts: [String: Verdict] = [:]
        var remaining = targets[...]
        await withTaskGroup(of: (String, Verdict).self) { group in
            func startNext() {
                guard let target = remaining.popFirst() else { return }
                group.addTask { (target.url, await check(target)) }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            for await (url, verdict) in group {
                verdicts[url] = verdict
                startNext()
            }
        }
        return verdicts
    }

    private func check(_ target: Target) async -> Verdict {
        let edge: EdgeAnswer
        switch await probe.probe(target.url) {
        case .success(let answer): edge = answer
        case .failure(let failure): return Verdict(.unknown, "the edge did not answer: \(failure.reason)")
        }
        var origin: EdgeAnswer?
        if let base = options.origin {
            switch await probe.probeOrigin(target.url, base: base) {
            case .success(let answer): origin = answer
            case .failure(let failure): return Verdict(.unknown, "the origin did not answer: \(failure.reason)")
            }
        }
        let now = clock.now
        return FreshnessJudge.judge(
            edge: edge, origin: origin, sinceComplete: target.completedBy.map { now - $0 },
            sinceUnfinished: target.unfinishedAt.map { now - $0 })
    }
}
