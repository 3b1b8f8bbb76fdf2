/// Alibaba CDN offline log files are named `<domain>_<yyyy>_<mm>_<dd>_<HHMMSS>_<HHMMSS>[_…].gz`; the domain
/// in the name serves path-only records when no `--domain` is given.
enum AliCDNFileName {
    /// The domain the file name starts with, or `nil` when the name does not follow the pattern.
    static func domain(fromPath path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 6 else { return nil }
        let digits: [(Int, Int)] = [(1, 4), (2, 2), (3, 2), (4, 6)]
        for (index, length) in digits {
            let part = parts[index]
            guard part.count == length, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else { return nil }
        }
        let last = parts[5].prefix { $0.isNumber }
        guard last.count == 6, !parts[0].isEmpty else { return nil }
        return String(parts[0])
    }
}
