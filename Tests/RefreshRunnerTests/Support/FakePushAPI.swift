import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

/// An API for prefetching: a preload quota, scripted push failures, tasks that complete on their second poll.
final class FakePushAPI: RefreshAPI {
    struct State {
        var preloadRemain: Int
        /// Answers for the next push calls, in order (`nil`: accept).
        var script: [String?] = []
        var pushes: [(time: Double, urls: [String])] = []
        var polls: [String: Int] = [:]
        var nextTask = 100
    }

    let state: Mutex<State>
    let clock: VirtualClock

    init(preloadRemain: Int, script: [String?] = [], clock: VirtualClock) {
        state = Mutex(State(preloadRemain: preloadRemain, script: script))
        self.clock = clock
    }

    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse {
        let urls = objectPath.split(separator: "\n").map(String.init)
        let now = clock.now
        let refusal: String? = state.withLock { state in
            let next = state.script.isEmpty ? nil : state.script.removeFirst()
            if next == nil { state.pushes.append((now, urls)) }
            return next
        }
        if let refusal {
            throw .api(
                APIFailure(
                    httpStatus: refusal == "PreloadQueueFull" ? 403 : 400,
                    body: APIErrorBody(code: refusal, message: refusal)))
        }
        let task = state.withLock { state in
            state.nextTask += 1
            return String(state.nextTask)
        }
        return TaskSubmissionResponse(taskIDField: task, requestID: "r")
    }

    func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse {
        let remain = state.withLock { $0.preloadRemain }
        return RefreshQuotaResponse(
            urlQuota: 2000, urlRemain: 2000, directoryQuota: 100, directoryRemain: 100, regexQuota: 20,
            regexRemain: 20, ignoreParamsQuota: 100, ignoreParamsRemain: 100, preloadQuota: 1000,
            preloadRemain: remain, requestID: "q")
    }

    func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID {
        let tasks = state.withLock { state in
            taskIDs.map { id -> [String: String] in
                state.polls[id, default: 0] += 1
                return ["TaskId": id, "ObjectPath": "", "Status": state.polls[id]! >= 2 ? "Complete" : "Refreshing"]
            }
        }
        do {
            let json = try JSONSerialization.data(withJSONObject: ["Tasks": tasks])
            return try JSONDecoder().decode(RefreshTasksByID.self, from: json)
        } catch {
            throw .unexpectedResponse(httpStatus: 200, detail: "\(error)")
        }
    }

    func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool?) async throws(APICallError)
        -> TaskSubmissionResponse
    {
        throw .api(APIFailure(httpStatus: 400, body: APIErrorBody(code: "Unexpected", message: "not in this test")))
    }

    func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage {
        throw .api(APIFailure(httpStatus: 400, body: APIErrorBody(code: "Unexpected", message: "not in this test")))
    }
}
