import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// What verification found: a verdict per URL checked, and what resubmitting the stale ones did
    /// (`--verify-resubmit`).
    struct Verified {
        var verdicts: [String: Verdict] = [:]
        /// The stale URLs refreshed once more, as every write is sent.
        var resubmitted = Submitted.none
        /// Stale URLs the URL quota left (less the reserve) could not take: they wait in the backlog.
        var overBudget: Set<String> = []

        var staleCount: Int { verdicts.values.count { $0.freshness == .stale } }
    }

    /// Checks a sample of the refreshed URLs through the CDN (`--verify`), and refreshes the stale ones once more
    /// as Files when asked (`--verify-resubmit`) within the URL quota left.
    ///
    /// - Parameter quotaLeft: the quota left after the plan's refreshes (`nil`: not known; nothing is resubmitted).
    func verify(
        _ plan: Plan, submitted: Submitted, quotaLeft: RefreshQuota?, store: StateStore?, context: Context
    ) async -> Verified {
        guard let options = configuration.verify, let edgeProbe else { return Verified() }
        let verification = Verification(options: options, probe: edgeProbe, clock: clock, stop: stop)
        let targets = RefreshedURL.hottest(
            entries: submitted.result.entries, covered: plan.covered, limit: options.sample.limit,
            force: configuration.planning.planOptions.force)
        guard !targets.isEmpty else { return Verified() }
        logger.info("Verifying refreshed URLs through the CDN", metadata: ["verify.urls": "\(targets.count)"])
        var verified = Verified(verdicts: await verification.run(targets))
        if options.resubmit, let quotaLeft, !stop.isRequested {
            let stale = targets.filter { verified.verdicts[$0.url]?.freshness == .stale }
            let firstBatch = (plan.batches.map(\.number).max() ?? 0) + 1
            (verified.resubmitted, verified.overBudget) = await resubmit(
                stale, quotaLeft: quotaLeft, firstBatch: firstBatch, store: store, context: context)
        }
        return verified
    }

    /// Refreshes `stale` once more as Files, the way the plan's refreshes went: within the URL quota left less the
    /// reserve, packed by the one packer, claimed in the backlog before anything is sent (what the quota cannot take
    /// waits there), journaled and counted in the quota left.
    private func resubmit(
        _ stale: [RefreshedURL], quotaLeft: RefreshQuota, firstBatch: Int, store: StateStore?, context: Context
    ) async -> (Submitted, Set<String>) {
        guard !stale.isEmpty else { return (.none, []) }
        let options = configuration.planning.planOptions
        let source = EntrySource.recorded("stale after the refresh of \(configuration.runID)")
        let candidates = stale.enumerated().map { index, target in
            Candidate(
                url: target.url, type: .file, source: source, hits: target.hits,
                appearance: Appearance(group: 0, ordinal: index))
        }
        let budget = options.limit(for: .file, in: quotaLeft)
        let taken = Array(candidates.prefix(budget))
        let over = candidates.dropFirst(taken.count)
        let now = clock.wallNow
        do {
            try store?.writeBack(
                claimed: taken.map { BacklogEntry(candidate: $0, inputNames: [], seenAt: now) },
                kept: over.map { BacklogEntry(candidate: $0, inputNames: [], seenAt: now) }, runID: configuration.runID,
                at: now)
        } catch {
            logger.error("Cannot write the journal", metadata: ["state.error": "\(error)"])
            var notSent = Submitted.none
            notSent.journalFailures = 1
            return (notSent, [])
        }
        guard !taken.isEmpty else { return (.none, Set(over.map(\.url))) }
        logger.info("Resubmitting stale URLs", metadata: ["resubmit.urls": "\(taken.count)"])
        let batches = BatchPacker.batches(
            taken, type: .file, capacity: options.capacity(for: .file), firstNumber: firstBatch)
        let submitted = await write(
            batches, as: .refresh, phase: "resubmit", keeping: taken, polls: false, store: store, context: context)
        return (submitted, Set(over.map(\.url)))
    }

    /// Writes the verdicts into the rows of the URLs checked (the `verify` column, and why when not fresh).
    static func apply(_ verified: Verified, to rows: inout [ReportRow]) {
        guard !verified.verdicts.isEmpty else { return }
        var resubmissions: [String: EntryOutcome] = [:]
        for entry in verified.resubmitted.result.entries { resubmissions[entry.candidate.url] = entry.outcome }
        for index in rows.indices {
            guard rows[index].type == .file, let verdict = verified.verdicts[rows[index].url] else { continue }
            rows[index].verify = verdict.freshness.rawValue
            guard verdict.freshness != .fresh else { continue }
            var message = verdict.freshness.rawValue + ": " + verdict.reason
            if let outcome = resubmissions[rows[index].url] {
                message += "; " + Self.resubmission(outcome)
            } else if verified.overBudget.contains(rows[index].url) {
                message += "; not resubmitted: the URL quota left today is spent (it waits in the backlog)"
            }
            rows[index].errorMessage =
                rows[index].errorMessage.isEmpty ? message : rows[index].errorMessage + "; " + message
        }
    }

    /// What resubmitting a stale URL did, for its row.
    private static func resubmission(_ outcome: EntryOutcome) -> String {
        guard outcome.taskIDs.isEmpty else {
            return "resubmitted as a File refresh (task \(outcome.taskIDs.joined(separator: ",")))"
        }
        let code = outcome.errorCode.isEmpty ? "not sent" : outcome.errorCode
        return "resubmitting it failed (\(code))" + (outcome.carriesOver ? "; it waits in the backlog" : "")
    }
}
