/// Packs ranked entries of one type into requests: at most `capacity` entries and 10 distinct domains each.
///
/// First fit keeps the best entries in the earliest requests while not letting the domain limit waste space:
/// an entry goes to the earliest open request that already names its domain or can name one more.
package enum BatchPacker {
    static func pack(_ entries: [Candidate], capacity: Int, maxDomains: Int = PlannerOptions.maxDomainsPerRequest)
        -> [[Candidate]]
    {
        pack(entries, capacity: capacity, maxDomains: maxDomains) { CanonicalURL.domain(of: $0.url) }
    }

    /// Packs any entries (positions of candidates, say) whose domain `domain` tells.
    static func pack<Entry>(
        _ entries: [Entry], capacity: Int, maxDomains: Int = PlannerOptions.maxDomainsPerRequest,
        domain: (Entry) -> Substring
    ) -> [[Entry]] {
        precondition(capacity > 0, "a request holds at least one entry")
        var finished: [(order: Int, entries: [Entry])] = []
        var open: [(order: Int, entries: [Entry], domains: Set<Substring>)] = []
        var created = 0
        for entry in entries {
            let domain = domain(entry)
            if let slot = open.firstIndex(where: { $0.domains.contains(domain) || $0.domains.count < maxDomains }) {
                open[slot].entries.append(entry)
                open[slot].domains.insert(domain)
                if open[slot].entries.count == capacity {
                    let full = open.remove(at: slot)
                    finished.append((full.order, full.entries))
                }
            } else {
                if capacity == 1 {
                    finished.append((created, [entry]))
                } else {
                    open.append((created, [entry], [domain]))
                }
                created += 1
            }
        }
        finished.append(contentsOf: open.map { ($0.order, $0.entries) })
        return finished.sorted { $0.order < $1.order }.map(\.entries)
    }

    /// Numbered requests of `type` for `entries` (best first), numbered from `firstNumber`: how every write is
    /// packed, the plan's refreshes, resubmissions and prefetches alike.
    package static func batches(
        _ entries: [Candidate], type: EntryType, capacity: Int, firstNumber: Int = 1, force: Bool = false
    ) -> [Batch] {
        pack(entries, capacity: capacity).enumerated().map { offset, entries in
            Batch(number: firstNumber + offset, type: type, entries: entries, force: force)
        }
    }
}
