import AlibabaCDN
import CDNRefresh

/// The API calls a run makes.
///
/// ``CDNClient`` provides them; tests substitute fakes.
package protocol RefreshAPI: Sendable {
    /// `force` is `nil` unless `--force` asks for it on a type it applies to.
    func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool?) async throws(APICallError)
        -> TaskSubmissionResponse
    /// `area` is `domestic` or `overseas` (`nil`: the API's default).
    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse
    func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse
    func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID
    func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage
}

extension CDNClient: RefreshAPI {}

extension EntryType {
    /// The API's `ObjectType` for this entry type.
    package var objectType: ObjectType {
        switch self {
        case .file: .file
        case .directory: .directory
        case .regex: .regex
        case .ignoreparams: .ignoreParams
        }
    }
}

extension RefreshQuotaResponse {
    /// The remaining quota as the planner takes it.
    package var remaining: RefreshQuota {
        RefreshQuota(
            urls: urlRemain, directories: directoryRemain, regex: regexRemain, ignoreParams: ignoreParamsRemain)
    }
}
