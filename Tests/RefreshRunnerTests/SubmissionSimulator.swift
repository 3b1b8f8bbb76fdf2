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

    enum Script {
        /// Answer with this error without doing anything.
        case fail(APICallError)
        /// Accept, then lose the answer.
        case acceptThenLose
        /// Lose the answer without accepting.
        case lose
    }

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
        case .refresh(let work):
            let urls = work.objectPath.split(separator: "\n").map(String.init)
            refreshes.append((time, urls))
            switch scripted {
            case .fail(let error): return .refreshed(.failure(error))
            case .lose: return .refreshed(.failure(Self.lost))
            case .acceptThenLose:
                _ = accept(urls, type: work.type, at: time)
                return .refreshed(.failure(Self.lost))
            case nil:
                if urls.contains(where: badURLs.contains) {
                    return .refreshed(.failure(Self.api("InvalidObjectPath.Malformed")))
                }
                return .refreshed(.success(accept(urls, type: work.type, at: time)))
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

/// Runs a ``SubmissionMachine`` against a ``FakeCDN`` on virtual time: a discrete-event simulation.
struct SubmissionSimulator {
    var latency = 0.1
    var options = SubmissionOptions(callsPerSecond: 50, concurrency: 8, retry: RetryPolicy(maxAttempts: 5))
    var jitter: Double = 0.5

    struct Trace {
        var machine: SubmissionMachine
        var starts: [(time: Double, action: APIAction)] = []
        var maxInFlight = 0
        var events: [SubmissionEvent] = []
        var endTime = 0.0

        func entry(_ url: String) -> SubmissionMachine.Entry? {
            machine.entries.first { $0.url == url }
        }
    }

    func run(_ batches: [Batch], api: FakeCDN) -> Trace {
        let jitterValue = jitter
        var trace = Trace(
            machine: SubmissionMachine(
                batches: batches,
                configuration: SubmissionMachine.Configuration(
                    concurrency: options.concurrency, retry: options.retry, wait: options.wait,
                    waitTimeout: options.waitTimeoutSeconds, pollInterval: options.pollIntervalSeconds, keyPrefix: "t"),
                jitter: { jitterValue }))
        var limiter = RateLimiter(callsPerSecond: options.callsPerSecond)
        var now = 0.0
        var pending: [(time: Double, id: Int, result: WorkResult)] = []
        var steps = 0
        while steps < 1_000_000 {
            steps += 1
            let step = trace.machine.next(now: now, wallNow: api.startTime.addingTimeInterval(now)) { action, time in
                limiter.tryAcquire(action: action, now: time)
            }
            trace.events += trace.machine.drainEvents()
            switch step {
            case .start(let id):
                let item = trace.machine.item(id)!
                trace.starts.append((now, item.action))
                pending.append((now + latency, id, api.answer(item, at: now)))
                trace.maxInFlight = max(trace.maxInFlight, pending.count)
                continue
            case .sleep(let until):
                let next = pending.map(\.time).min() ?? until
                now = max(now, min(until, next))
            case .awaitCompletions:
                now = max(now, pending.map(\.time).min()!)
            case .finished:
                trace.endTime = now
                return trace
            }
            let due = pending.filter { $0.time <= now }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
            pending.removeAll { $0.time <= now }
            for completion in due {
                trace.machine.complete(completion.id, with: completion.result, now: now)
                trace.events += trace.machine.drainEvents()
            }
        }
        fatalError("the simulation did not finish")
    }
}

/// Batches of `count` URLs each, over `domains` domains.
func makeBatches(_ sizes: [Int], type: EntryType = .file, domains: Int = 1, prefix: String = "f") -> [Batch] {
    var number = 0
    var ordinal = 0
    return sizes.map { size in
        number += 1
        let entries = (0..<size).map { index -> Candidate in
            ordinal += 1
            let suffix = type == .directory ? "/" : ".png"
            return Candidate(
                url: "https://d\(index % domains).example.com/\(prefix)\(number)-\(index)\(suffix)", type: type,
                source: .line(input: 0, line: ordinal), appearance: Appearance(group: 1, ordinal: ordinal))
        }
        return Batch(number: number, type: type, entries: entries)
    }
}
