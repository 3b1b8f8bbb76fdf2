import AlibabaCDN
import CDNRefresh
import Foundation

/// Waiting for tasks: poll until they finish or the wait times out.
extension SubmissionMachine {
    /// Starts polling once no write is left, if `--wait` asked for it.
    @discardableResult
    mutating func startWaitingIfDue(now: Double) -> Bool {
        guard configuration.wait, case .notStarted = waitState, stopError == nil, !abandonsWait else { return false }
        let writesLeft =
            ready.contains { if case .poll = $0.kind { false } else { true } }
            || inFlight.values.contains { if case .poll = $0.kind { false } else { true } }
        guard !writesLeft else { return false }
        var taskIDs: [String] = []
        var seen: Set<String> = []
        for entry in entries where entry.outcome.status == .submitted {
            for id in entry.outcome.taskIDs where seen.insert(id).inserted { taskIDs.append(id) }
        }
        guard !taskIDs.isEmpty else {
            waitState = .done
            return false
        }
        waitState = .polling(deadline: now + configuration.waitTimeout)
        for start in stride(from: 0, to: taskIDs.count, by: 10) {
            enqueue(
                .poll(PollWork(taskIDs: Array(taskIDs[start..<min(start + 10, taskIDs.count)]))),
                at: now + configuration.pollInterval, priority: Int.max)
        }
        return true
    }

    mutating func polled(_ poll: PollWork, answer: Result<RefreshTasksByID, APICallError>, now: Double) {
        guard case .polling(let deadline) = waitState else { return }
        var unfinished: [String] = []
        switch answer {
        case .success(let result):
            let pollIDs = Set(poll.taskIDs)
            var byPath: [String: [Int]] = [:]
            for (index, entry) in entries.enumerated()
            where entry.outcome.status == .submitted
                && !pollIDs.isDisjoint(with: entry.outcome.taskIDs)
            {
                byPath[entry.url, default: []].append(index)
            }
            var finishedIDs: Set<String> = []
            var seenIDs: Set<String> = []
            for task in result.tasks where pollIDs.contains(task.taskID) {
                seenIDs.insert(task.taskID)
                for index in byPath[task.objectPath] ?? [] {
                    entries[index].outcome.taskIDs = [task.taskID]
                    entries[index].outcome.taskStatus = task.status
                    if task.taskStatus == .complete {
                        if entries[index].outcome.completedBy == nil { entries[index].outcome.completedBy = now }
                    } else if !task.isFinished {
                        entries[index].outcome.unfinishedAt = now
                    }
                    if task.taskStatus == .failed {
                        entries[index].outcome.errorCode = "RefreshTaskFailed"
                        entries[index].outcome.errorMessage =
                            task.description.isEmpty ? "the refresh task failed" : task.description
                    }
                }
            }
            for id in seenIDs {
                let items = result.tasks.filter { $0.taskID == id }
                if items.allSatisfy(\.isFinished) { finishedIDs.insert(id) }
            }
            unfinished = poll.taskIDs.filter { !finishedIDs.contains($0) }
        case .failure(let error):
            if error.classification == .authentication {
                stop(error)
                return
            }
            unfinished = poll.taskIDs
        }
        if !unfinished.isEmpty && now + configuration.pollInterval <= deadline && !abandonsWait {
            enqueue(.poll(PollWork(taskIDs: unfinished)), at: now + configuration.pollInterval, priority: Int.max)
        }
    }

    /// Turns the last task states into final statuses.
    mutating func finish() {
        guard case .polling = waitState else { return }
        waitState = .done
        for index in entries.indices where entries[index].outcome.status == .submitted {
            switch TaskStatus(rawValue: entries[index].outcome.taskStatus) {
            case .complete:
                entries[index].outcome.status = .complete
            case .failed:
                entries[index].outcome.status = .failed
                entries[index].outcome.carriesOver = true
                events.append(.carriedOver(urls: [entries[index].url], kind: entries[index].kind))
            default:
                break
            }
        }
    }
}
