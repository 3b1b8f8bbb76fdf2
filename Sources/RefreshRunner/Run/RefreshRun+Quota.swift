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
        let api = self.api
        let caller = caller(context)
        // A stop abandons the call in flight: it is a read, and the run is ending.
        let answer = await stop.unlessStopped { () -> Result<RefreshQuotaResponse, APICallError> in
            do throws(APICallError) {
                return .success(
                    try await caller.call(.describeRefreshQuota) { () async throws(APICallError) in
                        try await api.describeRefreshQuota()
                    })
            } catch {
                return .failure(error)
            }
        }
        guard let answer else { return .nothingToSubmit }
        switch answer {
        case .success(let live):
            return .budget(request.resolve(live: live.remaining))
        case .failure(let error):
            let reason =
                "cannot read the quota: " + error.summary
                + (error.classification == .authentication
                    ? "" : " (pass --quota-urls and --quota-dirs to plan without it)")
            return .failed(error, reason: reason)
        }
    }
}
