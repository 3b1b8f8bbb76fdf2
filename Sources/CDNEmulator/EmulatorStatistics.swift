import AlibabaCDN
import Foundation

/// What the emulator saw: a check on clients (was a call throttled, how busy was the busiest second).
package struct EmulatorStatistics: Sendable, Equatable {
    /// Calls that reached an action (after authentication), per action.
    package var calls: [String: Int] = [:]
    /// Calls refused with `Throttling.User`.
    package var throttled = 0
    /// Calls answered 503 on purpose.
    package var injectedErrors = 0
    /// Calls accepted and then dropped on purpose.
    package var dropped = 0
    /// Calls refused before an action (signature, timestamp, nonce, unknown key).
    package var refused = 0
    /// Refresh calls refused for a domain's per-minute limit or its full refresh queue.
    package var paced = 0
    /// URLs the neighbour (another client on the account) took of the domains' windows.
    package var neighbourURLs = 0
    /// URLs accepted by RefreshObjectCaches and PushObjectCache.
    package var acceptedURLs = 0
    /// The most calls admitted in any one-second window.
    package var busiestSecond = 0
    /// When the first and the last RefreshObjectCaches call were admitted.
    package var firstRefresh: Date?
    package var lastRefresh: Date?
    /// The CDN log files downloaded, by name, in the order they were served.
    package var logDownloads: [String] = []
    /// Log downloads answered 503 on purpose.
    package var failedLogDownloads = 0
    /// Requests answered as the CDN's edge.
    package var edgeRequests = 0

    /// RefreshObjectCaches calls per second between the first and the last one.
    package var refreshRate: Double? {
        guard let first = firstRefresh, let last = lastRefresh, last > first,
            let count = calls[APIAction.refreshObjectCaches.rawValue], count > 1
        else { return nil }
        return Double(count - 1) / last.timeIntervalSince(first)
    }

    package init() {}

    /// One line for standard error.
    package var summary: String {
        let total = calls.values.reduce(0, +)
        return "emulator: \(total) calls, \(throttled) throttled, \(injectedErrors) injected errors, "
            + "\(dropped) dropped, \(refused) refused, \(acceptedURLs) URLs accepted, "
            + "busiest second \(busiestSecond) calls"
            + (paced > 0 ? ", \(paced) refused for a domain's per-minute limit or full queue" : "")
            + (neighbourURLs > 0 ? ", \(neighbourURLs) URLs taken by the neighbour" : "")
            + (logDownloads.isEmpty ? "" : ", \(logDownloads.count) CDN log files downloaded")
            + (refreshRate.map { ", RefreshObjectCaches at \(Self.oneDecimal($0)) calls/s" } ?? "")
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
