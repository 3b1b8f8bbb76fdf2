import AlibabaCDN
import Foundation
import Support

/// The emulator's mutable state; it lives behind a `Mutex` in ``EmulatorService``.
struct EmulatorLedger {
    /// One accepted URL of a task.
    struct TaskItem: Sendable {
        var taskID: String
        var objectPath: String
        /// Lower case, as `DescribeRefreshTasks` reports it.
        var objectType: String
        var domain: String
        var created: Date
    }

    var nonces: [String: Date] = [:]
    var oldestNonce = Date.distantPast
    /// Admitted call times in the last second, per action.
    var windows: [String: [Date]] = [:]
    /// Admitted call times in the last second, all actions (for the statistics).
    var allCalls: [Date] = []
    /// Quota day (days since the epoch in UTC+8) and what was used that day, per quota kind.
    var usageDay: Int64 = -1
    var usage: [QuotaKind: Int] = [:]
    var tasks: [TaskItem] = []
    /// How often each URL was accepted, by object type (lower case) and URL.
    var acceptedCount: [String: Int] = [:]
    /// URLs (File and IgnoreParams) each domain took, by time, for the per-domain window.
    var domainWindows: [String: [(time: Date, urls: Int)]] = [:]
    /// The last window in which the neighbour (``EmulatorConfiguration/neighbours``) took its share, per domain.
    var neighbourWindows: [String: Int64] = [:]
    var nextTaskID = 70_000_000
    var rng: SplitMix64
    var requestSerial: UInt64 = 0
    var statistics = EmulatorStatistics()
    /// Temporary credentials issued by its STS, metadata service or credentials URI, by AccessKey ID.
    var issued: [String: IssuedCredentials] = [:]
    /// GetLogs answers said `Incomplete` on purpose so far.
    var slsIncompleteAnswers = 0
    /// IMDSv2 session tokens handed out.
    var metadataTokens: Set<String> = []

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    /// Quota kinds that `DescribeRefreshQuota` reports separately.
    enum QuotaKind: Hashable {
        case url, directory, regex, ignoreParams, preload
    }

    /// Rolls the quota day over at 00:00 UTC+8.
    mutating func resetQuotaIfNewDay(now: Date) {
        let day = Int64(((now.timeIntervalSince1970 + 8 * 3600) / 86_400).rounded(.down))
        if day != usageDay {
            usageDay = day
            usage = [:]
        }
    }

    /// Records a call of `action` if the last second holds fewer than `limit`; otherwise returns how long
    /// (ms) until the oldest call leaves the window.
    mutating func admit(action: APIAction, limit: Int, now: Date) -> Int? {
        var window = windows[action.rawValue, default: []]
        window.removeAll { now.timeIntervalSince($0) >= 1 }
        if window.count >= limit, let oldest = window.first {
            windows[action.rawValue] = window
            let elapsedMilliseconds = Int((now.timeIntervalSince(oldest) * 1000).rounded())
            return max(1, 1000 - elapsedMilliseconds)
        }
        window.append(now)
        windows[action.rawValue] = window
        allCalls.removeAll { now.timeIntervalSince($0) >= 1 }
        allCalls.append(now)
        statistics.busiestSecond = max(statistics.busiestSecond, allCalls.count)
        statistics.calls[action.rawValue, default: 0] += 1
        if action == .refreshObjectCaches {
            if statistics.firstRefresh == nil { statistics.firstRefresh = now }
            statistics.lastRefresh = now
        }
        return nil
    }

    /// Remembers a nonce for 15 minutes; `false` if it was already used.
    mutating func useNonce(_ nonce: String, now: Date) -> Bool {
        if nonces.count > 10_000 || now.timeIntervalSince(oldestNonce) > 1800 {
            nonces = nonces.filter { now.timeIntervalSince($0.value) < 900 }
            oldestNonce = nonces.values.min() ?? now
        }
        if let seen = nonces[nonce], now.timeIntervalSince(seen) < 900 { return false }
        nonces[nonce] = now
        return true
    }

    /// A request ID in Alibaba's shape (`8-4-4-4-12` upper-case hex).
    mutating func requestID() -> String {
        requestSerial += 1
        let a = rng.next()
        let b = rng.next()
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        return "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xFFFF, 4))-\(hex(a & 0xFFFF, 4))-"
            + "\(hex(b >> 48, 4))-\(hex(b & 0xFFFF_FFFF_FFFF, 12))"
    }
}
