/// When carried-over entries leave the backlog without being refreshed (`--backlog-max-age`,
/// `--backlog-max-entries`; DESIGN §7).
package struct BacklogLimits: Sendable, Equatable {
    /// Seconds an entry may wait after it was first seen; older entries leave as `expired`.
    package var maxAge: Double
    /// Entries kept at most; the lowest-ranked beyond it leave as `dropped`.
    package var maxEntries: Int

    /// How many of the best-ranked backlog files a run plans with when collapsing can spend a budget.
    ///
    /// Enough to find the directories worth refreshing, few enough to plan in memory. Files beyond it wait unread,
    /// unless a directory sent for the others covers them (then they are reported with it).
    package var collapseWindow: Int

    package init(maxAge: Double = 30 * 86_400, maxEntries: Int = 1_000_000, collapseWindow: Int = 100_000) {
        self.maxAge = maxAge
        self.maxEntries = maxEntries
        self.collapseWindow = collapseWindow
    }

    /// The age as an option would give it (`30d`, `12h`, `90m`, `45s`).
    package var ageText: String {
        let seconds = Int(maxAge.rounded())
        for (unit, scale) in [("d", 86_400), ("h", 3_600), ("m", 60)] where seconds % scale == 0 {
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }

    /// Seconds in an age such as `30d`, `12h`, `90m` or `3600s` (a bare number is seconds), or `nil` when it is
    /// not one.
    package static func seconds(inAge text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let scale = units[last] {
            number = number.dropLast()
            unit = scale
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value * unit
    }
}
