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
    /// A margin on each window, for what the run's clock cannot see: the API's own clock and how it buckets its
    /// window.
    var guardSeconds: Double { max(0.25, window * 0.02) }
    private(set) var limits: [String: Limit]
    /// URLs sent per domain (accepted, or in flight): what the window holds, in the order they were sent.
    private var sent: [String: [Record]] = [:]
    private var sequence = 0
    /// When a domain's limit was last halved for lack of anything of ours in its window.
    private var halvedAt: [String: Double] = [:]

    /// A request's URLs of one domain.
    ///
    /// The API counted them when the request arrived: after it was sent, before its answer came back. A run under load (or a slow network) can send a request a second or more before it
    /// arrives, so a window is reckoned from the answer, the latest the API can have counted it.
    private struct Record: Sendable {
        var time: Double
        var urls: Int
        var request: Int
        /// The order it was sent in.
        var sequence: Int
        /// When its answer came back; `nil` while it is in flight.
        var answered: Double?

        /// The latest the API can have counted it, as seen at `now`.
        func latestArrival(now: Double) -> Double { answered ?? max(now, time) }
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
            let arrivals = (sent[domain] ?? []).map { (time: $0.latestArrival(now: now), urls: $0.urls) }
                .filter { $0.time > now - window - guardSeconds }
            var held = arrivals.reduce(0) { $0 + $1.urls }
            guard held + count > limit else { continue }
            // The oldest records leave the window first; wait until enough have. One still in flight counts from
            // now, and is reckoned again when its answer comes.
            for arrival in arrivals.sorted(by: { $0.time < $1.time }) {
                held -= arrival.urls
                if held + count <= limit {
                    time = max(time, arrival.time + window + guardSeconds)
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
            sent[domain]?.removeAll { ($0.answered ?? .infinity) <= time - 2 * window }
        }
    }

    /// Records that request `request`'s answer came back at `time` (accepted, or lost on the way: either way the
    /// API can have counted it only before then).
    mutating func answered(request: Int, at time: Double) {
        for domain in sent.keys {
            guard let records = sent[domain] else { continue }
            for index in records.indices where records[index].request == request {
                sent[domain]?[index].answered = time
            }
        }
    }

    /// Forgets request `request`: the API refused it, so its URLs do not count against the window.
    mutating func forget(request: Int) {
        for domain in sent.keys { sent[domain]?.removeAll { $0.request == request } }
    }

    /// Learns from a `QuotaPerMinuteExceeded.Refresh` for request `request` with `counts`, and forgets the request.
    ///
    /// Each domain's limit becomes what it took in the last window before this request was sent (the API counts
    /// requests in the order they arrive; a request counts when its answer came back within a window of the refused
    /// one's sending, the latest either can have arrived), or half the refused request when it took nothing; a
    /// limit is only ever lowered. A domain that took nothing of ours is halved once a window at most: refused again
    /// within it, its window is full of another client's URLs (or a killed run's), and waiting is the answer, not a
    /// smaller limit.
    ///
    /// - Returns: the domains whose limit changed, with the new limit.
    mutating func learn(from counts: [String: Int], request: Int, now: Double) -> [String: Int] {
        let refused = sent.values.lazy.flatMap { $0 }.first { $0.request == request }
        let sentAs = refused?.sequence ?? sequence
        let sentAt = refused?.time ?? now
        forget(request: request)
        var changed: [String: Int] = [:]
        for (domain, count) in counts where count > 0 {
            let held = (sent[domain] ?? [])
                .filter { $0.latestArrival(now: now) > sentAt - window - guardSeconds && $0.sequence < sentAs }
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
