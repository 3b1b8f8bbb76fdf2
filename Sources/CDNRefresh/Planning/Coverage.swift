/// Which Directory or IgnoreParams entry refreshes a file URL.
///
/// A Directory entry refreshes every URL beneath it; an IgnoreParams entry (a URL without a query) refreshes every
/// query variant of that URL. The planner and the state both ask this question; the answer is the same.
package enum Coverage {
    /// The entry among `directories` and `ignoreParams` that refreshes `url`, if any: the shortest directory
    /// first, then the IgnoreParams entry.
    ///
    /// A URL is not covered by itself: a directory does not cover the same directory, an IgnoreParams entry does
    /// not cover its own query-less URL entry of type File (that file is refreshed too, but it is the same URL).
    package static func entry(covering url: String, directories: Set<String>, ignoreParams: Set<String>) -> String? {
        if !directories.isEmpty {
            for ancestor in CanonicalURL.ancestorDirectories(of: url) where directories.contains(String(ancestor)) {
                return String(ancestor)
            }
        }
        if !ignoreParams.isEmpty, let query = url.utf8.firstIndex(of: UInt8(ascii: "?")) {
            let bare = String(url[..<query])
            if ignoreParams.contains(bare) { return bare }
        }
        return nil
    }
}
