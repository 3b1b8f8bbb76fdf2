import AlibabaCDN
import CDNEmulator
import CDNRefresh
import Foundation
import GRDB
import TestSupport
import Testing

@testable import RefreshRunner

/// An API that runs a hook before each refresh call, then passes it on.
struct HookedAPI: RefreshAPI {
    let api: any RefreshAPI
    let beforeRefresh: @Sendable () -> Void

    func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool?) async throws(APICallError)
        -> TaskSubmissionResponse
    {
        beforeRefresh()
        return try await api.refreshObjectCaches(objectPath: objectPath, objectType: objectType, force: force)
    }

    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse {
        try await api.pushObjectCache(objectPath: objectPath, area: area)
    }

    func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse {
        try await api.describeRefreshQuota()
    }

    func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID {
        try await api.describeRefreshTaskByID(taskIDs)
    }

    func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage {
        try await api.describeRefreshTasks(filter)
    }
}
