/// One manifest line's fields: URL, optional type and optional priority.
struct ManifestEntry {
    var url: Range<Int>
    var type: EntryType?
    var priority: Int?
}
