import CDNRefresh

/// How many File and IgnoreParams URLs each domain may still take in the API's sliding one-minute window, and when
/// a request will fit — the per-domain limit Alibaba enforces beside the per-second and per-day ones.
///
/// Pure: times are the run clock's, given by the caller. A domain's limit is the one given (`--domain-urls-per-minute`),
/// else the one learned (this run, or an earlier one within a week), else none (no pacing). A
/// `QuotaPerMinuteExceeded.Refresh` teaches it: the domain's URLs sent in the last window, or, when there were none,
/// half the refused request.
package struct DomainPacer: Sendable {
    /// Where a domain's limit came from.
    package enum Source: String, Sendable, Equatable {
        /// `--domain-urls-per-minute`.
        case given
        /// Learned by an earlier run (kept in the state).
        case learned
        /// Learned by this run.
        case learnedToday = "learned today"
    }

    package struct Limit: Sendable, Equatable {
        package var urls: Int
        package var source: Source
    }

    /// The window's length, in seconds (60; shorter only in tests).
    let window: Double
    /// A margin on each window: the API counts a request when it arrives, a little after this run sent it, so a
    /// request sent exactly one window later could still find it there.
    var guardSeconds: Double { max(0.25, window * 0.02) }
    private(set) var limits: [String: Limit]
    /// URLs sent per domain (accepted, or in flight): what the window holds, in the order they were sent.
    private var sent: [String: [Record]] = [:]
    private var sequence = 0
    /// When a domain's limit was last halved for lack of anything of ours in its window.
    private var halvedAt: [String: Double] = [:]

    private struct Record: Sendable {
        var time: Double
        package var urls: Int
        var request: Int
        /// The order it was sent in.
        var sequence: Int
    }

    /// - Parameters:
    ///   - given: the limit for every domain, when given; it is lowered for a domain that refuses under it.
    ///   - learned: limits earlier runs learned, per domain.
    init(window: Double = 60, given: Int? = nil, learned: [String: Int] = [:]) {
        self.window = window
        self.given = given
        var limits: [String: Limit] = [:]
        for (domain, urls) in learned where given == nil || urls < given! {
            limits[domain] = Limit(urls: urls, source: .learned)
        }
        self.limits = limits
    }

    private let given: Int?

    /// The limit that applies to `domain`, if any.
    func limit(of domain: String) -> Limit? {
        limits[domain] ?? given.map { Limit(urls: $0, source: .given) }
    }

    /// Whether any domain is paced.
    var isPacing: Bool { given != nil || !limits.isEmpty }

    /// Whether writes of `kind` count against the windows: File and IgnoreParams refreshes.
    func paces(_ kind: WriteKind) -> Bool {
        kind == .refresh(.file) || kind == .refresh(.ignoreparams)
    }

    /// When a request with `counts` (URLs per domain) fits every domain's window: `now` when it does now; `nil`
    /// when it never will (more URLs of one domain than its limit: split it first).
    func release(for counts: [String: Int], now: Double) -> Double? {
        var time = now
        for (domain, count) in counts {
            guard let limit = limit(of: domain)?.urls else { continue }
            guard count <= limit else { return nil }
            let records = (sent[domain] ?? []).filter { $0.time > now - window - guardSeconds }
            var held = records.reduce(0) { $0 + $1.urls }
            guard held + count > limit else { continue }
            // The oldest records leave the window first; wait until enough have.
            for record in records.sorted(by: { $0.time < $1.time }) {
                held -= record.urls
                if held + count <= limit {
                    time = max(time, record.time + window + guardSeconds)
                    break
                }
            }
        }
        return time
    }

    /// Records the URLs of request `request`, sent at `time`.
    mutating func record(_ counts: [String: Int], request: Int, at time: Double) {
        sequence += 1
        for (domain, urls) in counts where urls > 0 {
            sent[domain, default: []].append(Record(time: time, urls: urls, request: request, sequence: sequence))
            sent[domain]?.removeAll { $0.time <= time - 2 * window }
        }
    }

    /// Forgets request `request`: the API refused it, so its URLs do not count against the window.
    mutating func forget(request: Int) {
        for domain in sent.keys { sent[domain]?.removeAll { $0.request == request } }
    }

    /// Learns from a `QuotaPerMinuteExceeded.Refresh` for request `request` with `counts`, and forgets the request.
    ///
    /// Each domain's limit becomes what it took in the last window before this request was sent (the API counts
    /// requests in the order they arrive), or half the refused request when it took nothing; a limit is only ever
    /// lowered. A domain that took nothing of ours is halved once a window at most: refused again within it, its
    /// window is full of another client's URLs (or a killed run's), and waiting is the answer, not a smaller limit.
    ///
    /// - Returns: the domains whose limit changed, with the new limit.
    mutating func learn(from counts: [String: Int], request: Int, now: Double) -> [String: Int] {
        let sentAs = sent.values.lazy.flatMap { $0 }.first { $0.request == request }?.sequence ?? sequence
        forget(request: request)
        var changed: [String: Int] = [:]
        for (domain, count) in counts where count > 0 {
            let held = (sent[domain] ?? []).filter { $0.time > now - window - guardSeconds && $0.sequence < sentAs }
                .reduce(0) { $0 + $1.urls }
            if held == 0, let halved = halvedAt[domain], halved > now - window - guardSeconds { continue }
            let learned = held > 0 ? held : max(1, count / 2)
            if let current = limit(of: domain)?.urls, current <= learned { continue }
            limits[domain] = Limit(urls: learned, source: .learnedToday)
            changed[domain] = learned
            if held == 0 { halvedAt[domain] = now }
        }
        return changed
    }

    /// The limits learned by this run, to keep.
    var learnedToday: [String: Int] {
        limits.filter { $0.value.source == .learnedToday }.mapValues(\.urls)
    }
}
