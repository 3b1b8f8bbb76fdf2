/// What the inputs read, as far as planning needs it beyond each candidate's own hits: how many distinct URLs were
/// read beneath each directory, for the collapse ratio (DESIGN §5).
///
/// Held as counters by the hash of the directory URL, never as the text of the URLs read.
package struct ReadStatistics: Sendable {
    let directories: DirectoryTotals?

    /// No reads: every directory's scope is its candidates.
    package static let none = ReadStatistics(directories: nil)

    /// The distinct URLs read beneath `directory` (a canonical directory URL ending with `/`).
    func distinctURLs(beneath directory: String) -> Int {
        guard let directories, let number = directories.table.number(forKey: URLHash.hash(directory)) else {
            return 0
        }
        return directories.distinctURLs[Int(number)]
    }
}
