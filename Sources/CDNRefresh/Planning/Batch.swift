/// One refresh request: entries of a single type, at most 10 domains, joined by `\n` into `ObjectPath`.
package struct Batch: Sendable, Equatable {
    /// 1-based position in submission order (the report's `batch` column).
    package var number: Int
    package var type: EntryType
    /// The entries, best first.
    package var entries: [Candidate]
    /// Whether the request carries `Force=true` (`--force`; never for File requests).
    package var force: Bool

    package init(number: Int, type: EntryType, entries: [Candidate], force: Bool = false) {
        self.number = number
        self.type = type
        self.entries = entries
        self.force = force
    }

    /// The URLs, in order.
    package var urls: [String] { entries.map(\.url) }

    /// The request's `ObjectPath`: the URLs joined by `"\n"`.
    package var objectPath: String { urls.joined(separator: "\n") }

    /// The distinct `host[:port]` values, in order of first appearance.
    package var domains: [String] {
        var seen: Set<Substring> = []
        var result: [String] = []
        for entry in entries {
            let domain = CanonicalURL.domain(of: entry.url)
            if seen.insert(domain).inserted { result.append(String(domain)) }
        }
        return result
    }
}
