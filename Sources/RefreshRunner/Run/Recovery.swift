import AlibabaCDN
import CDNRefresh
import Foundation

/// Settles requests a killed run left `sending`, refreshes and prefetches alike.
///
/// Which of their URLs did the API accept? The look-ups answer before anything is sent again.
struct Recovery: Sendable {
    let api: any RefreshAPI
    let caller: APICaller
    var slackSeconds: Double = 300
    var perURLLimit = 5

    /// The URLs of `request` that have a task (URL → task ID).
    func lookUp(_ request: PendingRequest) async throws(APICallError) -> [String: String] {
        try await lookUp(request.urls, objectType: request.kind.taskObjectType, sentAt: request.sentAt)
    }

    /// The URLs among `urls` with a task of `objectType` around `sentAt` (URL → task ID).
    func lookUp(_ urls: [String], objectType: String, sentAt: Date) async throws(APICallError) -> [String: String] {
        var found: [String: String] = [:]
        let wanted = Set(urls)
        let api = self.api
        for first in LookupPlan.filters(
            urls: urls, objectType: objectType, sentAt: sentAt, slackSeconds: slackSeconds, perURLLimit: perURLLimit)
        {
            var filter: RefreshTasksFilter? = first
            while let current = filter {
                let page = try await caller.call(.describeRefreshTasks) { () async throws(APICallError) in
                    try await api.describeRefreshTasks(current)
                }
                LookupPlan.collect(page, wanted: wanted, into: &found)
                filter = LookupPlan.nextPage(after: current, page: page)
            }
        }
        return found
    }
}
