import AlibabaCDN
import CDNRefresh
import Foundation

@testable import RefreshRunner

/// A fake API with an in-memory task table, and scripted failures.
final class FakeCDN {
    struct Task {
        var id: String
        var url: String
        var type: String
        var created: Double
    }

    /// What the next calls of an action answer, before the default behaviour (accept) applies.
    var script: [APIAction: [Script]] = [:]
    /// Refresh requests: (time, URLs).
    private(set) var refreshes: [(Double, [String])] = []
    private(set) var tasks: [Task] = []
    private(set) var accepted: [String: Int] = [:]
    private var nextTaskID = 100
    /// A URL the API rejects as malformed (to test splitting).
    var badURLs: Set<String> = []
    /// Seconds until a task is Complete; tasks of `failingURLs` end Failed.
    var completeAfter = 3.0
    var failingURLs: Set<String> = []
    var startTime = Date(timeIntervalSince1970: 1_795_456_800)
    /// URLs one domain takes per window, as Alibaba's per-minute limit; `nil`: none.
    var domainLimit: Int?
    var window = 60.0
    /// URLs each domain took, by time.
    private(set) var domainTaken: [String: [(time: Double, urls: Int)]] = [:]
    /// Refresh requests refused for the per-minute limit, by time.
    private(set) var perMinuteRefusals: [Double] = []
    /// Another client on the account: at the start of each window it takes this share of a domain's limit (as far as
    /// there is room), by domain.
    var neighbourShare: [String: Double] = [:]
    private var neighbourWindows: [String: Int] = [:]

    /// Another client takes `urls` of `domain`'s window at `time`.
    func occupy(_ domain: String, urls: Int, at time: Double) {
        domainTaken[domain, default: []].append((time, urls))
    }

    enum Script {
        /// Answer with this error without doing anything.
        case fail(APICallError)
        /// Accept, then lose the answer.
        case acceptThenLose
        /// Lose the answer without accepting.
        case lose
        /// Accept, then answer 200 with a body that is not the API's JSON.
        case acceptThenUnreadable
        /// Answer 200 with a body that is not the API's JSON, without accepting.
        case unreadable
        /// Accept, then answer 200 without a task ID.
        case acceptWithoutTaskID
    }

    static let unreadable = APICallError.unexpectedResponse(httpStatus: 200, detail: "<html>gateway</html>")

    static let lost = APICallError.transport(TransportFailure(kind: .connectionLost, detail: "lost"))

    static func api(_ code: String, status: Int = 400, retryAfter: Double? = nil) -> APICallError {
        .api(
            APIFailure(
                httpStatus: status, body: APIErrorBody(code: code, message: "\(code) message"),
                retryAfterSeconds: retryAfter))
    }

    func answer(_ item: WorkItem, at time: Double) -> WorkResult {
        let scripted = script[item.action]?.isEmpty == false ? script[item.action]!.removeFirst() : nil
        switch item.kind {
        case .write(let work):
            let urls = work.objectPath.split(separator: "\n").map(String.init)
            refreshes.append((time, urls))
            switch scripted {
            case .fail(let error): return .written(.failure(error))
            case .lose: return .written(.failure(Self.lost))
            case .acceptThenLose:
                _ = accept(urls, type: work.kind.refreshType ?? .file, at: time)
                return .written(.failure(Self.lost))
            case .acceptThenUnreadable:
                _ = accept(urls, type: work.kind.refreshType ?? .file, at: time)
                return .written(.failure(Self.unreadable))
            case .unreadable:
                return .written(.failure(Self.unreadable))
            case .acceptWithoutTaskID:
                let answer = accept(urls, type: work.kind.refreshType ?? .file, at: time)
                return .written(.success(TaskSubmissionResponse(taskIDField: "", requestID: answer.requestID)))
            case nil:
                if urls.contains(where: badURLs.contains) {
                    return .written(.failure(Self.api("InvalidObjectPath.Malformed")))
                }
                if !fitsWindows(urls, at: time) {
                    perMinuteRefusals.append(time)
                    return .written(.failure(Self.api("QuotaPerMinuteExceeded.Refresh")))
                }
                return .written(.success(accept(urls, type: work.kind.refreshType ?? .file, at: time)))
            }
        case .lookup(let work):
            if case .fail(let error) = scripted { return .lookedUp(.failure(error)) }
            let filter = work.filter
            let matching = tasks.filter { task in
                (filter.objectPath.map { $0 == task.url } ?? true)
                    && (filter.domainName.map { Candidate.domain(of: task.url) == $0 } ?? true)
                    && (filter.objectType.map { $0 == task.type } ?? true)
            }
            let page = matching.dropFirst((filter.pageNumber - 1) * filter.pageSize).prefix(filter.pageSize)
            return .lookedUp(
                .success(
                    RefreshTasksPage(
                        tasks: page.map { self.refreshTask($0, at: time) }, pageNumber: filter.pageNumber,
                        pageSize: filter.pageSize, totalCount: matching.count, requestID: "R")))
        case .poll(let work):
            if case .fail(let error) = scripted { return .polled(.failure(error)) }
            let items = tasks.filter { work.taskIDs.contains($0.id) }.map { refreshTask($0, at: time) }
            return .polled(.success(RefreshTasksByID(tasks: items, totalCount: items.count, requestID: "R")))
        }
    }

    /// Whether `urls` fit every domain's window at `time`; if so, they are counted in it.
    private func fitsWindows(_ urls: [String], at time: Double) -> Bool {
        guard let domainLimit else { return true }
        let counts = Dictionary(urls.map { (Candidate.domain(of: $0), 1) }, uniquingKeysWith: +)
        for (domain, count) in counts {
            neighbourTakesItsShare(of: domain, limit: domainLimit, at: time)
            let held = (domainTaken[domain] ?? []).filter { $0.time > time - window }.reduce(0) { $0 + $1.urls }
            if held + count > domainLimit { return false }
        }
        for (domain, count) in counts { domainTaken[domain, default: []].append((time, count)) }
        return true
    }

    /// The neighbour's share of `domain`'s window, taken at the start of the window `time` falls in.
    private func neighbourTakesItsShare(of domain: String, limit: Int, at time: Double) {
        guard let share = neighbourShare[domain], share > 0 else { return }
        let index = Int((time / window).rounded(.down))
        guard neighbourWindows[domain] != index else { return }
        neighbourWindows[domain] = index
        let start = Double(index) * window
        let held = (domainTaken[domain] ?? []).filter { $0.time > start - window }.reduce(0) { $0 + $1.urls }
        let taken = min(Int(Double(limit) * share), max(0, limit - held))
        if taken > 0 { domainTaken[domain, default: []].append((start, taken)) }
    }

    private func accept(_ urls: [String], type: EntryType, at time: Double) -> TaskSubmissionResponse {
        var idOfDomain: [String: String] = [:]
        var ids: [String] = []
        for url in urls {
            let domain = Candidate.domain(of: url)
            if idOfDomain[domain] == nil {
                nextTaskID += 1
                idOfDomain[domain] = String(nextTaskID)
                ids.append(String(nextTaskID))
            }
            tasks.append(Task(id: idOfDomain[domain]!, url: url, type: type.objectType.taskObjectType, created: time))
            accepted[url, default: 0] += 1
        }
        return TaskSubmissionResponse(taskIDField: ids.joined(separator: ","), requestID: "REQ-\(refreshes.count)")
    }

    private func refreshTask(_ task: Task, at time: Double) -> RefreshTask {
        let done = time - task.created >= completeAfter
        let status = done ? (failingURLs.contains(task.url) ? "Failed" : "Complete") : "Refreshing"
        return RefreshTask(
            taskID: task.id, objectPath: task.url, status: status, process: done ? "100%" : "50%",
            objectType: task.type,
            creationTime: APITimestamp.format(startTime.addingTimeInterval(task.created)),
            description: status == "Failed" ? "Origin Timeout" : "")
    }
}
