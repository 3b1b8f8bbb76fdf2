/// What was read beneath each directory: hits and distinct URLs, looked up by the hash of the directory URL.
struct DirectoryTotals: Sendable {
    let table: DirectoryTable
    let hits: [Int]
    let distinctURLs: [Int]

    /// Hits of every URL beneath the directory whose URL hashes to `key` (0 when nothing was read there).
    func hits(ofDirectory key: UInt64) -> Int {
        table.number(forKey: key).map { hits[Int($0)] } ?? 0
    }
}
