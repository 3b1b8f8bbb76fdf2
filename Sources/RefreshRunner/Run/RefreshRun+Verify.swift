import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// What verification found: a verdict per URL checked, and the stale URLs sent again (`--verify-resubmit`).
    struct Verified {
        var verdicts: [String: Verdict] = [:]
        /// Stale URLs refreshed once more: the task ID, or why the resubmission failed.
        var resubmitted: [String: Result<String, APICallError>] = [:]

        var staleCount: Int { verdicts.values.count { $0.freshness == .stale } }
    }

    /// Checks a sample of the refreshed URLs through the CDN (`--verify`), and refreshes the stale ones once more
    /// as Files when asked (`--verify-resubmit`, through the shared limiter).
    func verify(_ plan: Plan, submitted: Submitted, context: Context) async -> Verified {
        guard let options = configuration.verify, let edgeProbe else { return Verified() }
        let verification = Verification(options: options, probe: edgeProbe, clock: clock)
        let targets = RefreshedURL.hottest(
            entries: submitted.result.entries, covered: plan.covered, limit: options.sample.limit)
        guard !targets.isEmpty else { return Verified() }
        logger.info("Verifying refreshed URLs through the CDN", metadata: ["verify.urls": "\(targets.count)"])
        var verified = Verified(verdicts: await verification.run(targets))
        if options.resubmit {
            let stale = targets.map(\.url).filter { verified.verdicts[$0]?.freshness == .stale }
            verified.resubmitted = await resubmit(stale, context: context)
        }
        return verified
    }

    /// Refreshes `urls` as Files, one domain and at most 1,000 URLs per request.
    private func resubmit(_ urls: [String], context: Context) async -> [String: Result<String, APICallError>] {
        var byDomain: [String: [String]] = [:]
        var domains: [String] = []
        for url in urls {
            let domain = URLComponents(string: url)?.host ?? ""
            if byDomain[domain] == nil { domains.append(domain) }
            byDomain[domain, default: []].append(url)
        }
        var results: [String: Result<String, APICallError>] = [:]
        let api = self.api
        for domain in domains {
            let all = byDomain[domain] ?? []
            for start in stride(from: 0, to: all.count, by: PlannerOptions.maxBatchSize) {
                let chunk = Array(all[start..<min(all.count, start + PlannerOptions.maxBatchSize)])
                let path = chunk.joined(separator: "\n")
                do {
                    let answer = try await caller(context).call(.refreshObjectCaches) {
                        () async throws(APICallError) in
                        try await api.refreshObjectCaches(objectPath: path, objectType: .file, force: nil)
                    }
                    for url in chunk { results[url] = .success(answer.taskIDs.joined(separator: ",")) }
                } catch {
                    for url in chunk { results[url] = .failure(error) }
                }
            }
        }
        return results
    }

    /// Writes the verdicts into the rows of the URLs checked (the `verify` column, and why when not fresh).
    static func apply(_ verified: Verified, to rows: inout [ReportRow]) {
        guard !verified.verdicts.isEmpty else { return }
        for index in rows.indices {
            guard rows[index].type == .file, let verdict = verified.verdicts[rows[index].url] else { continue }
            rows[index].verify = verdict.freshness.rawValue
            guard verdict.freshness != .fresh else { continue }
            var message = verdict.freshness.rawValue + ": " + verdict.reason
            switch verified.resubmitted[rows[index].url] {
            case .success(let task): message += "; resubmitted as a File refresh (task \(task))"
            case .failure(let error): message += "; resubmitting it failed (\(error.code))"
            case nil: break
            }
            rows[index].errorMessage =
                rows[index].errorMessage.isEmpty ? message : rows[index].errorMessage + "; " + message
        }
    }
}
