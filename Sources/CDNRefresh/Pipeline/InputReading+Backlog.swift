extension InputReading {
    /// What today's reads add to an entry kept from an earlier run, without merging it: its hits, as merging would
    /// count them (a file its own, an IgnoreParams entry its query variants', a directory everything beneath it).
    ///
    /// A backlog too large to load is ranked in its database with these, so that an entry the inputs read today
    /// rises exactly as far as it would among loaded candidates. `nil` when the inputs read nothing.
    ///
    /// - Parameter directories: whether directories will be asked about (their totals take a pass over the reads).
    package func backlogHits(directories: Bool) -> (@Sendable (String, EntryType) -> Int)? {
        guard hits.distinctURLs > 0 else { return nil }
        let hits = self.hits
        let directories = directories ? hits.directoryTotals() : nil
        return { url, type in
            var url = url
            let key = url.withUTF8 { URLHash.hash(UnsafeRawBufferPointer($0)) }
            switch type {
            case .file: return hits.hits(ofURL: key)
            case .ignoreparams: return hits.hits(ofQueryVariants: key)
            case .directory: return directories?.hits(ofDirectory: key) ?? 0
            case .regex: return 0
            }
        }
    }
}
