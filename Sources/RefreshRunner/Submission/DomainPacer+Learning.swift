import CDNRefresh

/// Learning a domain's limit from the API's answers, without mistaking another client's traffic for it.
///
/// - A `QuotaPerMinuteExceeded.Refresh` for a request of several domains teaches none of them: its domains are sent
///   apart, and each part speaks for its own domain.
/// - A refusal for one domain is first taken for contention (another client filled the window): the request waits
///   for room. The limit is lowered only when refusals repeat, at a level no acceptance has since explained, in
///   ``Policy/confirmations`` separate windows: to the most of ours the API took beside them, or half the level
///   refused, and never below the most URLs the API accepted for the domain within one window in the last week, nor
///   below ``Policy/floor``.
/// - A learned limit recovers: after each window that used it without a refusal, it rises by ``Policy/step``; at
///   Alibaba's documented limit it is forgotten. A raise the API refuses before anything above the old limit was
///   accepted is taken back at once. It is not raised again in a run that lowered it.
/// - A given limit (`--domain-urls-per-minute`) is never changed by any of this.
extension DomainPacer {
    /// What is known of one domain.
    struct DomainState: Sendable {
        var limit: Limit?
        /// The most URLs the API accepted within one window (in the last week).
        var proven = 0
        var provenChanged = false
        var limitChanged = false
        /// Why the limit last changed.
        var reason = ""
        /// Refusals no acceptance has explained since.
        var streak: [Refusal] = []
        /// When the limit last changed (or the domain's first request, in this run).
        var changedAt = -Double.infinity
        /// The most of ours the API accepted within one window since then.
        var peakSinceChange = 0
        var refusedSinceChange = false
        var loweredToday = false
        /// The limit before the last raise, while the raise is unconfirmed: a refusal above it takes the raise back.
        var raisedFrom: Limit?
    }

    /// A per-minute refusal: when, how many of the domain's URLs the window would have held with the request (the
    /// level), and how many of them were ours already accepted or in flight (held).
    struct Refusal: Sendable {
        var time: Double
        var level: Int
        var held: Int
    }

    /// What was made of a per-minute refusal of one domain, for the debug log: an operator asking why a limit was
    /// (or was not) learned reads these.
    struct RefusalNote: Sendable, Equatable {
        var domain: String
        /// The domain's URLs the window would have held with the request.
        var level: Int
        /// How many of them were ours, already accepted or in flight.
        var held: Int
        /// `contention`, `lowered to N`, or `raise taken back`.
        var verdict: String
    }

    /// What a per-minute refusal means.
    enum RefusalVerdict: Equatable {
        /// The request named several domains: it teaches none of them; send them apart.
        case split
        /// The domain's limit was lowered to `urls`.
        case lowered(domain: String, urls: Int)
        /// Another client spends the same limit: wait for room. `room` is when our own URLs in the window leave it
        /// (`nil`: none of ours is there; back off).
        case contention(domain: String, room: Double?)
    }

    /// What a submission found out about a domain, for the state to keep.
    package struct Finding: Sendable, Equatable {
        /// The limit held now (`nil`: none).
        package var limit: Int?
        /// Whether the limit was learned, lowered, raised or forgotten (else only ``proven`` changed).
        package var limitChanged: Bool
        /// Why it changed.
        package var reason: String
        /// The most URLs the API accepted within one window.
        package var proven: Int

        package init(limit: Int?, limitChanged: Bool, reason: String, proven: Int) {
            self.limit = limit
            self.limitChanged = limitChanged
            self.reason = reason
            self.proven = proven
        }
    }

    /// The lowest a learned limit of a domain that proved `proven` may fall.
    func floor(proven: Int) -> Int { max(policy.floor, proven) }

    /// Records that request `request` was accepted, its answer coming back at `time`: what its domains' windows
    /// proved, the refusals that explains, and the recovery of their limits.
    mutating func accepted(request: Int, at time: Double) {
        answered(request: request, at: time)
        var touched: [String] = []
        for domain in sent.keys {
            guard let records = sent[domain] else { continue }
            for index in records.indices where records[index].request == request {
                sent[domain]?[index].accepted = true
                if !touched.contains(domain) { touched.append(domain) }
            }
        }
        for domain in touched { prove(domain, at: time) }
    }

    /// After an acceptance for `domain` at `time`.
    private mutating func prove(_ domain: String, at time: Double) {
        // Every one of these was sent within a window of this answer and accepted: the API held them all at once.
        let level = (sent[domain] ?? []).filter { $0.accepted && $0.time > time - window }.reduce(0) { $0 + $1.urls }
        var state = domains[domain, default: DomainState()]
        if level > state.proven {
            state.proven = level
            state.provenChanged = true
        }
        state.peakSinceChange = max(state.peakSinceChange, level)
        state.streak.removeAll { $0.level <= level }
        if let before = state.raisedFrom, level > before.urls { state.raisedFrom = nil }
        if let limit = state.limit, limit.urls < state.proven {
            state.limit = Limit(urls: state.proven, source: .learnedToday)
            state.limitChanged = true
            state.reason = "raised to the \(state.proven) URLs the API accepted within one window"
        }
        domains[domain] = state
        recover(domain, at: time)
    }

    /// Raises a learned limit after a window that used it without a refusal (additive increase).
    private mutating func recover(_ domain: String, at time: Double) {
        guard policy.given == nil, var state = domains[domain], let limit = state.limit else { return }
        guard !state.loweredToday, !state.refusedSinceChange, time - state.changedAt >= window,
            state.peakSinceChange >= limit.urls, limit.urls < max(policy.documented, state.proven)
        else { return }
        let raised = min(max(policy.documented, state.proven), limit.urls + policy.step)
        state.changedAt = time
        state.peakSinceChange = 0
        state.limitChanged = true
        if raised >= policy.documented {
            state.limit = nil
            state.reason = "recovered to Alibaba's documented \(policy.documented) URLs a minute; no limit held"
        } else {
            state.limit = Limit(urls: raised, source: .learnedToday)
            state.reason = "raised from \(limit.urls) after a window at it without a refusal"
            state.raisedFrom = limit
        }
        domains[domain] = state
    }

    /// Learns what it can from a `QuotaPerMinuteExceeded.Refresh` for request `request` with `counts` (URLs per
    /// domain), and forgets the request.
    mutating func refused(_ counts: [String: Int], request: Int, now: Double) -> RefusalVerdict {
        let refused = sent.values.lazy.flatMap { $0 }.first { $0.request == request }
        let sentAs = refused?.sequence ?? sequence
        let sentAt = refused?.time ?? now
        forget(request: request)
        let paced = counts.filter { $0.value > 0 }
        guard paced.count == 1, let (domain, count) = paced.first else { return .split }
        // Ours in the window when it arrived: sent before it, and arrived within a window of its sending.
        let held = (sent[domain] ?? [])
            .filter { $0.latestArrival(now: now) > sentAt - window - guardSeconds && $0.sequence < sentAs }
            .reduce(0) { $0 + $1.urls }
        var state = domains[domain, default: DomainState()]
        state.refusedSinceChange = true
        var verdict = RefusalVerdict.contention(domain: domain, room: ourRoom(in: domain, now: now))
        if policy.given == nil, let before = state.raisedFrom, held + count > before.urls {
            // A raise the API refuses is taken back at once, and not tried again in this run: the limit before it
            // was proven.
            state.limit = before
            state.reason = "refused at \(held + count) URLs a minute after a raise from \(before.urls)"
            state.raisedFrom = nil
            state.loweredToday = true
            state.changedAt = now
            state.peakSinceChange = 0
            domains[domain] = state
            notes.append(RefusalNote(domain: domain, level: held + count, held: held, verdict: "raise taken back"))
            return .lowered(domain: domain, urls: before.urls)
        }
        if policy.given == nil {
            state.streak.append(Refusal(time: now, level: held + count, held: held))
            if state.streak.count > 64 { state.streak.removeFirst(state.streak.count - 64) }
            if let lowered = lowering(state, now: now) {
                verdict = .lowered(domain: domain, urls: lowered.urls)
                state.limit = Limit(urls: lowered.urls, source: .learnedToday)
                state.reason = lowered.reason
                state.limitChanged = true
                state.loweredToday = true
                state.changedAt = now
                state.peakSinceChange = 0
                state.streak = []
            }
        }
        domains[domain] = state
        var said = "contention"
        if case .lowered(_, let urls) = verdict { said = "lowered to \(urls)" }
        notes.append(RefusalNote(domain: domain, level: held + count, held: held, verdict: said))
        return verdict
    }

    /// The refusal notes since the last call.
    mutating func drainNotes() -> [RefusalNote] {
        defer { notes.removeAll() }
        return notes
    }

    /// The lower limit the refusals in `state` prove, if they do: repeated in enough separate windows, at a level
    /// the floor allows going under.
    private func lowering(_ state: DomainState, now: Double) -> (urls: Int, reason: String)? {
        // A refusal at or under the floor is contention by definition: the API took more, or the user said so.
        let minimum = floor(proven: state.proven)
        let refusals = state.streak.filter { $0.level > minimum }
        let windows = Self.separateWindows(refusals.map(\.time), window: window)
        guard windows >= policy.confirmations, let lowest = refusals.map(\.level).min() else { return nil }
        let held = refusals.map(\.held).max() ?? 0
        let urls = max(minimum, held, lowest / 2)
        guard urls < lowest, urls < (state.limit?.urls ?? .max) else { return nil }
        return (urls, "refused at \(lowest) URLs a minute in \(windows) separate windows")
    }

    /// How many windows apart the times are: each counted one begins at least three quarters of a window after the
    /// last.
    ///
    /// Not a whole window: refusals are timed by their answers, which a busy network or API delays by different
    /// amounts, so two refusals a window apart at the API can be answered a little less than a window apart. A burst
    /// of another client's filling one window still yields at most two.
    static func separateWindows(_ times: [Double], window: Double) -> Int {
        var count = 0
        var last = -Double.infinity
        for time in times.sorted() where time - last >= window * 0.75 {
            count += 1
            last = time
        }
        return count
    }

    /// What this submission found out, by domain: limits learned, lowered, raised or forgotten, and windows that
    /// proved more than the state knew.
    var findings: [String: Finding] {
        domains.filter { $0.value.limitChanged || $0.value.provenChanged }.mapValues {
            Finding(limit: $0.limit?.urls, limitChanged: $0.limitChanged, reason: $0.reason, proven: $0.proven)
        }
    }
}
