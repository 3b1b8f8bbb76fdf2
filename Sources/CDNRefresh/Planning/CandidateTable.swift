/// Distinct entries in order of first appearance, merged by (URL, type).
struct CandidateTable: Sendable {
    private(set) var candidates: [Candidate] = []
    private var positions: [CandidateKey: Int] = [:]

    var count: Int { candidates.count }

    /// Adds a sighting, merging it into an existing entry with the same key.
    mutating func add(_ candidate: Candidate) {
        let key = candidate.key
        if let position = positions[key] {
            candidates[position].absorb(candidate)
        } else {
            positions[key] = candidates.count
            candidates.append(candidate)
        }
    }

    /// Merges tables in order: the first table's sightings come first.
    static func merged(_ lists: [[Candidate]]) -> [Candidate] {
        var table = CandidateTable()
        for list in lists {
            for candidate in list { table.add(candidate) }
        }
        return table.candidates
    }
}
