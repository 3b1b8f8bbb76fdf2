/// Helpers that read parts of a canonical URL (`scheme://host[:port]/path[?query]`).
enum CanonicalURL {
    /// The `host[:port]` part.
    static func domain(of url: String) -> Substring {
        guard let schemeEnd = url.firstRange(of: "://") else { return url[...] }
        let rest = url[schemeEnd.upperBound...]
        return rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]
    }

    /// The path, from its leading `/` up to the query.
    static func path(of url: String) -> Substring? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let path = rest[slash...]
        return path[..<(path.firstIndex(of: "?") ?? path.endIndex)]
    }

    /// Every proper ancestor directory of `url`, shortest first (`https://h/`, `https://h/a/`, …).
    ///
    /// A directory URL (ending in `/`) is not its own ancestor.
    static func ancestorDirectories(of url: String) -> [Substring] {
        guard let path = path(of: url) else { return [] }
        var result: [Substring] = []
        var index = path.startIndex
        while index < path.endIndex {
            if path[index] == "/" {
                let end = path.index(after: index)
                if end < path.endIndex { result.append(url[url.startIndex..<end]) }
            }
            index = path.index(after: index)
        }
        return result
    }
}
