import AlibabaCDN
import CDNRefresh
import Foundation

/// The verification phase: after the refresh tasks complete, fetch a sample of the refreshed URLs through the
/// CDN, hottest first, at most `concurrency` at once, and judge each `fresh`, `stale` or `unknown`.
///
/// Read-only: probes never carry credentials. For a Directory or IgnoreParams entry the URLs checked are the files
/// it covered in this run (URLs that were only read are not kept, so they cannot be checked).
struct Verification {
    let options: VerifyOptions
    let probe: any EdgeProbing
    let clock: any RunnerClock
    /// A stop request: no probe starts after it, and those in flight are abandoned (`unknown`).
    var stop = StopRequest()

    /// What a URL not checked because the run was told to stop says.
    static let stopped = Verdict(.unknown, "not checked: the run was told to stop")

    /// Checks every target, at most `options.concurrency` at once; verdicts by URL.
    func run(_ targets: [RefreshedURL]) async -> [String: Verdict] {
        var verdicts: [String: Verdict] = [:]
        var remaining = targets[...]
        let stop = self.stop
        await withTaskGroup(of: (String, Verdict).self) { group in
            func startNext() {
                guard let target = remaining.popFirst() else { return }
                guard !stop.isRequested else {
                    verdicts[target.url] = Self.stopped
                    return startNext()
                }
                group.addTask { (target.url, await stop.unlessStopped { await check(target) } ?? Self.stopped) }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            for await (url, verdict) in group {
                verdicts[url] = verdict
                startNext()
            }
        }
        return verdicts
    }

    private func check(_ target: RefreshedURL) async -> Verdict {
        let edge: EdgeAnswer
        let sent = clock.wallNow
        let probed = await probe.probe(target.url)
        let (answered, answeredRun) = (clock.wallNow, clock.now)
        switch probed {
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
        // The refresh's times are run-clock seconds: on the wall clock, as far back from the answer.
        return FreshnessJudge.judge(
            edge: edge, origin: origin,
            timing: FreshnessJudge.Timing(
                completedAt: target.completedBy.map { answered - (answeredRun - $0) },
                unfinishedAt: target.unfinishedAt.map { answered - (answeredRun - $0) }, probeSent: sent,
                probeAnswered: answered, revalidates: target.revalidates))
    }
}
