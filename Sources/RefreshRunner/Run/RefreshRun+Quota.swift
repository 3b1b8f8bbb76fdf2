import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

extension RefreshRun {
    /// How the run's quota was settled.
    enum QuotaResolution {
        case nothingToSubmit
        case budget(QuotaBudget)
        case failed(APICallError, reason: String)
    }

    /// The quota to plan with: the given values when they are complete, else the live quota capped by them.
    func resolveQuota(hasWork: Bool, context: Context) async -> QuotaResolution {
        let request = configuration.planning.quota
        if !hasWork { return .nothingToSubmit }
        if request.isComplete { return .budget(request.resolve(live: nil)) }
        do {
            let api = self.api
            let live = try await caller(context).call(.describeRefreshQuota) { () async throws(APICallError) in
                try await api.describeRefreshQuota()
            }
            return .budget(request.resolve(live: live.remaining))
        } catch {
            let reason =
                "cannot read the quota: " + error.summary
                + (error.classification == .authentication
                    ? "" : " (pass --quota-urls and --quota-dirs to plan without it)")
            return .failed(error, reason: reason)
        }
    }
}
