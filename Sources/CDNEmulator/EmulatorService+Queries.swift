import AlibabaCDN
import Foundation

extension EmulatorService {
    /// `DescribeRefreshQuota`: every figure as a string, as the current API model has them.
    func describeRefreshQuota(ledger: EmulatorLedger) -> [String: JSONValue] {
        func pair(_ name: String, _ quota: Int, _ kind: EmulatorLedger.QuotaKind) -> [(String, JSONValue)] {
            [
                ("\(name)Quota", .string(String(quota))),
                ("\(name)Remain", .string(String(max(0, quota - ledger.usage[kind, default: 0])))),
            ]
        }
        let pairs =
            pair("Url", configuration.urlQuota, .url) + pair("Dir", configuration.directoryQuota, .directory)
            + pair("Regex", configuration.regexQuota, .regex)
            + pair("IgnoreParams", configuration.ignoreParamsQuota, .ignoreParams)
            + pair("Preload", configuration.preloadQuota, .preload)
            + [("BlockQuota", .string("100")), ("BlockRemain", .string("100"))]
        return Dictionary(uniqueKeysWithValues: pairs)
    }

    /// `DescribeRefreshTasks`: the last three days' tasks, filtered and paged, newest first.
    func describeRefreshTasks(_ parameters: [String: String], ledger: EmulatorLedger, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        let pageNumber = try Self.integer(parameters["PageNumber"], name: "PageNumber", default: 1, range: 1...100_000)
        let pageSize = try Self.integer(parameters["PageSize"], name: "PageSize", default: 20, range: 1...100)
        let objectType = parameters["ObjectType"]
        if (parameters["DomainName"] != nil || parameters["Status"] != nil) && objectType == nil {
            throw .missingParameter("ObjectType")
        }
        if let taskID = parameters["TaskId"], taskID.isEmpty || !taskID.allSatisfy(\.isNumber) {
            throw .taskIDMalformed
        }
        let threeDaysAgo = time.addingTimeInterval(-3 * 86_400)
        var start = threeDaysAgo
        var end = Date.distantFuture
        if let text = parameters["StartTime"] {
            guard let value = APITimestamp.parse(text) else {
                throw .invalidParameter("StartTime", "use yyyy-MM-ddTHH:mm:ssZ")
            }
            start = max(value, threeDaysAgo)
        }
        if let text = parameters["EndTime"] {
            guard let value = APITimestamp.parse(text) else {
                throw .invalidParameter("EndTime", "use yyyy-MM-ddTHH:mm:ssZ")
            }
            end = value
        }
        if parameters["StartTime"] != nil && parameters["EndTime"] != nil && end <= start {
            throw .invalidParameter("EndTime", "EndTime must be later than StartTime")
        }
        let matching = ledger.tasks.filter { item in
            item.created >= start && item.created <= end
                && (parameters["TaskId"].map { $0 == item.taskID } ?? true)
                && (parameters["ObjectPath"].map { $0 == item.objectPath } ?? true)
                && (parameters["DomainName"].map { $0.lowercased() == item.domain } ?? true)
                && (objectType.map { $0.lowercased() == item.objectType } ?? true)
                && (parameters["Status"].map { $0 == status(of: item, at: time).status.rawValue } ?? true)
        }
        let newestFirst = matching.reversed()
        let page = newestFirst.dropFirst((pageNumber - 1) * pageSize).prefix(pageSize)
        return [
            "Tasks": .object(["CDNTask": .array(page.map { taskJSON($0, at: time) })]),
            "PageNumber": .number(pageNumber), "PageSize": .number(pageSize), "TotalCount": .number(matching.count),
        ]
    }

    /// `DescribeRefreshTaskById`: every URL of up to 10 tasks, as a flat array.
    func describeRefreshTaskByID(_ parameters: [String: String], ledger: EmulatorLedger, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        guard let text = parameters["TaskId"], !text.isEmpty else { throw .missingParameter("TaskId") }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !ids.isEmpty, ids.count <= 10, ids.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw .taskIDMalformed
        }
        let wanted = Set(ids)
        let threeDaysAgo = time.addingTimeInterval(-3 * 86_400)
        let items = ledger.tasks.filter { wanted.contains($0.taskID) && $0.created >= threeDaysAgo }
        return ["Tasks": .array(items.map { taskJSON($0, at: time) }), "TotalCount": .number(items.count)]
    }

    /// A task's status at `time`: `Pending` for its first second (or half its life), `Refreshing`, then
    /// `Complete` once `--complete-after` seconds have passed.
    func status(of item: EmulatorLedger.TaskItem, at time: Date) -> (status: TaskStatus, process: String) {
        let age = time.timeIntervalSince(item.created)
        let completeAfter = configuration.completeAfterSeconds
        if completeAfter <= 0 || age >= completeAfter { return (.complete, "100%") }
        if age < min(1, completeAfter / 2) { return (.pending, "0%") }
        return (.refreshing, "\(Int(age / completeAfter * 100))%")
    }

    private func taskJSON(_ item: EmulatorLedger.TaskItem, at time: Date) -> JSONValue {
        let (status, process) = status(of: item, at: time)
        return .object([
            "TaskId": .string(item.taskID), "ObjectPath": .string(item.objectPath), "Status": .string(status.rawValue),
            "Process": .string(process), "ObjectType": .string(item.objectType),
            "CreationTime": .string(APITimestamp.format(item.created)), "Description": .string(""),
        ])
    }

    static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>)
        throws(EmulatorFailure) -> Int
    {
        guard let text else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw .invalidParameter(name, "expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }
}
