extension Planner {
    /// Chooses directories in rank order up to `limit`, where a directory beneath a chosen one is covered.
    ///
    /// When a later (lower-ranked) parent is chosen, the children it covers give their slots back, and the
    /// freed slots go to the next directories in rank order, until nothing changes.
    ///
    /// - Parameters:
    ///   - ranked: positions in `candidates` of the directory entries, best first.
    /// - Returns: positions in `candidates`, each list in rank order.
    static func selectDirectories(_ ranked: [Int], of candidates: [Candidate], limit: Int)
        -> (selected: [Int], covered: [Int], deferred: [Int])
    {
        enum State { case pending, selected, covered, deferred }
        var states = [State](repeating: .pending, count: ranked.count)
        var selectedURLs: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for position in ranked.indices where states[position] == .pending {
                let url = candidates[ranked[position]].url
                if isCovered(url, by: selectedURLs) {
                    states[position] = .covered
                } else if selectedURLs.count < limit {
                    states[position] = .selected
                    selectedURLs.insert(url)
                } else {
                    states[position] = .deferred
                }
            }
            for position in ranked.indices where states[position] == .selected {
                let url = candidates[ranked[position]].url
                if isCovered(url, by: selectedURLs) {
                    states[position] = .covered
                    selectedURLs.remove(url)
                    changed = true
                }
            }
            if changed {
                for position in ranked.indices where states[position] == .deferred { states[position] = .pending }
            }
        }
        var result: (selected: [Int], covered: [Int], deferred: [Int]) = ([], [], [])
        for (position, index) in ranked.enumerated() {
            switch states[position] {
            case .selected: result.selected.append(index)
            case .covered: result.covered.append(index)
            case .deferred, .pending: result.deferred.append(index)
            }
        }
        return result
    }

    /// Whether a proper ancestor directory of `url` is in `directories`.
    static func isCovered(_ url: String, by directories: Set<String>) -> Bool {
        guard !directories.isEmpty else { return false }
        return CanonicalURL.ancestorDirectories(of: url).contains { directories.contains(String($0)) }
    }
}
