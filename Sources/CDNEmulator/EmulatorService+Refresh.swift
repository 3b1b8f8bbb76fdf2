import AlibabaCDN
import Foundation

extension EmulatorService {
    /// `RefreshObjectCaches`: validates every entry, charges the day's quota, creates one task per domain.
    func refreshObjectCaches(_ parameters: [String: String], ledger: inout EmulatorLedger, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        guard let objectPath = parameters["ObjectPath"], !objectPath.isEmpty else {
            throw .missingParameter("ObjectPath")
        }
        let type: ObjectType
        if let given = parameters["ObjectType"] {
            guard let parsed = ObjectType(parameter: given) else { throw .objectTypeNotSupported }
            type = parsed
        } else {
            type = .file
        }
        // Force: "true" deletes instead of marking expired; the emulator only checks that it is a boolean.
        if let force = parameters["Force"], force != "true" && force != "false" {
            throw .invalidParameter("Force", "use true or false")
        }
        let entries = Self.entries(of: objectPath)
        switch type {
        case .file, .ignoreParams:
            guard entries.count <= 1000 else {
                throw .overLimit("A maximum of 1000 URLs are supported for each request.")
            }
        case .directory:
            guard entries.count <= 100 else {
                throw .overLimit("A maximum of 100 directories are supported for each request.")
            }
        case .regex:
            guard entries.count <= 1 else {
                throw .overLimit("Only one regular expression is supported for each request.")
            }
        }
        let domains = try Self.domains(of: entries, type: type)
        let kind: EmulatorLedger.QuotaKind
        let quota: Int
        switch type {
        case .file: (kind, quota) = (.url, configuration.urlQuota)
        case .directory: (kind, quota) = (.directory, configuration.directoryQuota)
        case .regex: (kind, quota) = (.regex, configuration.regexQuota)
        case .ignoreParams: (kind, quota) = (.ignoreParams, configuration.ignoreParamsQuota)
        }
        if type == .file || type == .ignoreParams { try pace(domains, ledger: &ledger, at: time) }
        guard ledger.usage[kind, default: 0] + entries.count <= quota else { throw .quotaExceeded }
        ledger.usage[kind, default: 0] += entries.count
        if type == .file || type == .ignoreParams {
            for (domain, count) in Dictionary(domains.map { ($0, 1) }, uniquingKeysWith: +) {
                ledger.domainWindows[domain, default: []].append((time, count))
            }
        }
        let taskIDs = accept(entries, domains: domains, objectType: type.taskObjectType, ledger: &ledger, at: time)
        return ["RefreshTaskId": .string(taskIDs.joined(separator: ","))]
    }

    /// Refuses a File or IgnoreParams request, whole, that would pass a domain's per-minute limit
    /// (`QuotaPerMinuteExceeded.Refresh`) or that comes while a domain's refresh queue is full (`TooMany.Refresh`).
    private func pace(_ domains: [String], ledger: inout EmulatorLedger, at time: Date) throws(EmulatorFailure) {
        let counts = Dictionary(domains.map { ($0, 1) }, uniquingKeysWith: +)
        if let queue = configuration.refreshQueue {
            for domain in counts.keys {
                let unfinished = ledger.tasks.count {
                    $0.domain == domain && $0.objectType != "preload" && status(of: $0, at: time).status != .complete
                }
                if unfinished > queue {
                    ledger.statistics.paced += 1
                    throw .refreshQueueFull
                }
            }
        }
        guard let limit = configuration.domainURLsPerMinute else { return }
        for (domain, count) in counts {
            ledger.domainWindows[domain]?.removeAll {
                time.timeIntervalSince($0.time) >= configuration.minuteSeconds
            }
            neighbourTakesItsShare(of: domain, limit: limit, ledger: &ledger, at: time)
            let held = ledger.domainWindows[domain]?.reduce(0) { $0 + $1.urls } ?? 0
            if held + count > limit {
                ledger.statistics.paced += 1
                throw .perMinuteExceeded
            }
        }
    }

    /// The neighbour's share of `domain`'s window, taken at the start of the window `time` falls in (once a window,
    /// as far as there is room).
    private func neighbourTakesItsShare(of domain: String, limit: Int, ledger: inout EmulatorLedger, at time: Date) {
        let share = configuration.neighbourShare(of: domain)
        guard share > 0 else { return }
        let window = configuration.minuteSeconds
        let index = Int64((time.timeIntervalSince1970 / window).rounded(.down))
        guard ledger.neighbourWindows[domain] != index else { return }
        ledger.neighbourWindows[domain] = index
        let start = Date(timeIntervalSince1970: Double(index) * window)
        let held = ledger.domainWindows[domain]?.reduce(0) { $0 + $1.urls } ?? 0
        let taken = min(Int(Double(limit) * min(share, 1)), max(0, limit - held))
        guard taken > 0 else { return }
        ledger.domainWindows[domain, default: []].append((start, taken))
        ledger.statistics.neighbourURLs += taken
    }

    /// `PushObjectCache` (prefetch): at most 100 URLs, charged to the preload quota.
    func pushObjectCache(_ parameters: [String: String], ledger: inout EmulatorLedger, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        guard let objectPath = parameters["ObjectPath"], !objectPath.isEmpty else {
            throw .missingParameter("ObjectPath")
        }
        let entries = Self.entries(of: objectPath)
        guard entries.count <= 100 else {
            throw EmulatorFailure(
                status: 400, code: "InvalidObjectPath.Size.Malformed",
                message: "The size of ObjectPath is bigger than 100.")
        }
        if let area = parameters["Area"], area != "domestic" && area != "overseas" {
            throw .invalidParameter("Area", "use domestic or overseas")
        }
        let domains = try Self.domains(of: entries, type: .file)
        guard ledger.usage[.preload, default: 0] + entries.count <= configuration.preloadQuota else {
            throw .preloadQuotaExceeded
        }
        ledger.usage[.preload, default: 0] += entries.count
        let taskIDs = accept(entries, domains: domains, objectType: "preload", ledger: &ledger, at: time)
        return ["PushTaskId": .string(taskIDs.joined(separator: ","))]
    }

    /// Entries separated by `\n` or `\r\n`.
    static func entries(of objectPath: String) -> [String] {
        // "\r\n" is one Character in Swift, so both separators are matched as characters.
        objectPath.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }

    /// Validates every entry and returns each one's domain; at most 10 distinct domains.
    static func domains(of entries: [String], type: ObjectType) throws(EmulatorFailure) -> [String] {
        var domains: [String] = []
        for entry in entries {
            switch ObjectPathValidator.validate(entry, type: type) {
            case .success(let domain): domains.append(domain)
            case .failure(let failure): throw failure
            }
        }
        guard Set(domains).count <= 10 else {
            throw .malformedPath("the URLs of one request may name at most 10 domains")
        }
        return domains
    }

    /// Records the accepted entries as tasks, one task ID per domain, and returns the IDs in order.
    private func accept(
        _ entries: [String], domains: [String], objectType: String, ledger: inout EmulatorLedger, at time: Date
    ) -> [String] {
        var taskOfDomain: [String: String] = [:]
        var order: [String] = []
        for (entry, domain) in zip(entries, domains) {
            let taskID: String
            if let existing = taskOfDomain[domain] {
                taskID = existing
            } else {
                ledger.nextTaskID += 1
                taskID = String(ledger.nextTaskID)
                taskOfDomain[domain] = taskID
                order.append(taskID)
            }
            ledger.tasks.append(
                EmulatorLedger.TaskItem(
                    taskID: taskID, objectPath: entry, objectType: objectType, domain: domain, created: time))
            ledger.acceptedCount["\(objectType) \(entry)", default: 0] += 1
        }
        ledger.statistics.acceptedURLs += entries.count
        return order
    }
}
