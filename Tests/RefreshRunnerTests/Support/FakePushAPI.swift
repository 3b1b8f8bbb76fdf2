import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization

@testable import RefreshRunner

/// An API for prefetching: a preload quota, scripted push failures, one task per domain of a push that completes on
/// its second poll.
final class FakePushAPI: RefreshAPI {
    struct State {
        var preloadRemain: Int
        /// Answers for the next push calls, in order (`nil`: accept).
        var script: [String?] = []
        var pushes: [(time: Date, urls: [String])] = []
        var tasks: [String: [String]] = [:]
        var polls: [String: Int] = [:]
        var nextTask = 100
    }

    let state: Mutex<State>

    init(preloadRemain: Int, script: [String?] = []) {
        state = Mutex(State(preloadRemain: preloadRemain, script: script))
    }

    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse {
        let urls = objectPath.split(separator: "\n").map(String.init)
        let refusal: String? = state.withLock { state in
            state.script.isEmpty ? nil : state.script.removeFirst()
        }
        if let refusal {
            throw .api(
                APIFailure(
                    httpStatus: refusal == "PreloadQueueFull" ? 403 : 400,
                    body: APIErrorBody(code: refusal, message: refusal)))
        }
        let tasks = state.withLock { state in
            state.pushes.append((Date(), urls))
            var byDomain: [String: String] = [:]
            var ids: [String] = []
            for url in urls {
                let domain = Candidate.domain(of: url)
                if byDomain[domain] == nil {
                    state.nextTask += 1
                    byDomain[domain] = String(state.nextTask)
                    ids.append(String(state.nextTask))
                }
                state.tasks[byDomain[domain]!, default: []].append(url)
            }
            return ids.joined(separator: ",")
        }
        return TaskSubmissionResponse(taskIDField: tasks, requestID: "r")
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
            taskIDs.flatMap { id -> [RefreshTask] in
                state.polls[id, default: 0] += 1
                let status = state.polls[id]! >= 2 ? "Complete" : "Refreshing"
                return (state.tasks[id] ?? []).map {
                    RefreshTask(
                        taskID: id, objectPath: $0, status: status, process: "", objectType: "preload",
                        creationTime: "", description: "")
                }
            }
        }
        return RefreshTasksByID(tasks: tasks, totalCount: tasks.count, requestID: "p")
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
