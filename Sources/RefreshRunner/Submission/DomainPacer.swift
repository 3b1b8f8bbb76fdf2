import CDNRefresh

/// How many File and IgnoreParams URLs each domain may still take in the API's sliding one-minute window, and when
/// a request will fit — the per-domain limit Alibaba enforces beside the per-second and per-day ones.
///
/// Pure: times are the run clock's, given by the caller. A limit is a property of the domain; the room in its window is
/// what other clients (other teams, other tools on the same account) left of it. A domain's limit is the one given
/// (`--domain-urls-per-minute`, never changed), else the one learned (by this run, or an earlier one within a week),
/// else none. How limits are learned, and recover, is in `DomainPacer+Learning.swift`.
package struct DomainPacer: Sendable {
    /// Where a domain's limit came from.
    package enum Source: String, Sendable, Equatable {
        /// `--domain-urls-per-minute`.
        case given
        /// Learned by an earlier run (kept in the state).
        case learned
        /// Learned, lowered or raised by this run.
        case learnedToday = "learned today"
    }

    package struct Limit: Sendable, Equatable {
        package var urls: Int
        package var source: Source
    }

    /// The rules limits are learned by.
    package struct Policy: Sendable, Equatable {
        /// The window's length, in seconds (60; shorter only in tests).
        package var window: Double
        /// `--domain-urls-per-minute`: every domain's limit, which nothing learned overrides.
        package var given: Int?
        /// The lowest a learned limit may fall (`--domain-limit-floor`, 100).
        package var floor: Int
        /// Alibaba's documented limit (10,000 URLs a minute per domain): a learned limit that recovers to it is
        /// forgotten.
        package var documented: Int
        /// Windows in which refusals must repeat, at the same level, before a limit is lowered.
        package var confirmations: Int
        /// What a learned limit rises by after each window at it without a refusal.
        package var step: Int

        package init(
            window: Double = 60, given: Int? = nil, floor: Int = 100, documented: Int = 10_000,
            confirmations: Int = 3, step: Int = 100
        ) {
            self.window = window
            self.given = given
            self.floor = max(1, floor)
            self.documented = documented
            self.confirmations = max(1, confirmations)
            self.step = max(1, step)
        }
    }

    /// What the state remembers of a domain: the limit learned (if one is held) and the most URLs the API accepted
    /// within one window in the last week.
    package struct Memory: Sendable, Equatable {
        package var limit: Int?
        package var proven: Int

        package init(limit: Int?, proven: Int) {
            self.limit = limit
            self.proven = proven
        }
    }

    let policy: Policy
    /// The window's length, in seconds.
    var window: Double { policy.window }
    /// A margin on each window, for what the run's clock cannot see: the API's own clock and how it buckets its
    /// window.
    var guardSeconds: Double { max(0.25, window * 0.02) }
    /// What is known of each domain: its limit, what it proved, the refusals not yet explained.
    var domains: [String: DomainState] = [:]
    /// URLs sent per domain (accepted, or in flight): what the window holds, in the order they were sent.
    var sent: [String: [Record]] = [:]
    var sequence = 0
    /// What was made of per-minute refusals, not yet logged.
    var notes: [RefusalNote] = []

    /// A request's URLs of one domain.
    ///
    /// The API counted them when the request arrived: after it was sent, before its answer came back. A run under
    /// load (or a slow network) can send a request a second or more before it arrives, so a window is reckoned from
    /// the answer, the latest the API can have counted it.
    struct Record: Sendable {
        var time: Double
        var urls: Int
        var request: Int
        /// The order it was sent in.
        var sequence: Int
        /// When its answer came back; `nil` while it is in flight.
        var answered: Double?
        /// The API said it accepted it (not merely: its answer was lost).
        var accepted = false

        /// The latest the API can have counted it, as seen at `now`.
        func latestArrival(now: Double) -> Double { answered ?? max(now, time) }
    }

    /// - Parameters:
    ///   - remembered: what earlier runs learned, per domain (ignored for the limit when one is given).
    init(policy: Policy = Policy(), remembered: [String: Memory] = [:]) {
        self.policy = policy
        for (domain, memory) in remembered {
            var state = DomainState()
            state.proven = memory.proven
            if policy.given == nil, let urls = memory.limit {
                state.limit = Limit(urls: max(urls, floor(proven: memory.proven)), source: .learned)
            }
            domains[domain] = state
        }
    }

    /// The limit that applies to `domain`, if any.
    func limit(of domain: String) -> Limit? {
        if let given = policy.given { return Limit(urls: given, source: .given) }
        return domains[domain]?.limit
    }

    /// Whether any domain is paced.
    var isPacing: Bool { policy.given != nil || domains.values.contains { $0.limit != nil } }

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
            let arrivals = arrivals(of: domain, now: now)
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

    /// When the oldest of our URLs of `domain` still in its window leaves it; `nil` when none of ours is there.
    func ourRoom(in domain: String, now: Double) -> Double? {
        arrivals(of: domain, now: now).map(\.time).min().map { $0 + window + guardSeconds }
    }

    /// Our URLs of `domain` the API may still count in its window at `now`, by when they arrived at the latest.
    private func arrivals(of domain: String, now: Double) -> [(time: Double, urls: Int)] {
        (sent[domain] ?? []).map { (time: $0.latestArrival(now: now), urls: $0.urls) }
            .filter { $0.time > now - window - guardSeconds }
    }

    /// Records the URLs of request `request`, sent at `time`.
    mutating func record(_ counts: [String: Int], request: Int, at time: Double) {
        sequence += 1
        let horizon = time - 2 * window
        for (domain, urls) in counts where urls > 0 {
            sent[domain, default: []].append(Record(time: time, urls: urls, request: request, sequence: sequence))
            sent[domain]?.removeAll { ($0.answered ?? .infinity) <= horizon }
            var state = domains[domain, default: DomainState()]
            if state.changedAt == -.infinity { state.changedAt = time }
            domains[domain] = state
        }
    }

    /// Records that request `request`'s answer came back at `time` without saying whether it was accepted (lost on
    /// the way): the API can have counted it only before then.
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
}
