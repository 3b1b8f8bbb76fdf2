/// A `--priority-rule GLOB=WEIGHT`: URLs whose path matches the glob rank by this weight.
package struct PriorityRule: Sendable, Equatable {
    package var glob: GlobPattern
    package var weight: Int

    package init(glob: GlobPattern, weight: Int) {
        self.glob = glob
        self.weight = weight
    }

    /// Parses `GLOB=WEIGHT`; the glob must start with `/`, the weight is an integer.
    package init?(argument: String) {
        guard let equals = argument.lastIndex(of: "="),
            let weight = Int(argument[argument.index(after: equals)...].trimmingSpaces()),
            let glob = GlobPattern(String(argument[..<equals]).trimmingSpaces())
        else { return nil }
        self.init(glob: glob, weight: weight)
    }

    /// The highest weight of the rules matching `url`'s path (query excluded); 0 when none matches.
    static func weight(of url: String, rules: [PriorityRule]) -> Int {
        guard !rules.isEmpty, let path = CanonicalURL.path(of: url) else { return 0 }
        var best: Int?
        for rule in rules where rule.glob.matches(path.utf8) {
            best = max(best ?? rule.weight, rule.weight)
        }
        return best ?? 0
    }
}
