#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Distinct candidates of one or more inputs, in order of first appearance: URL bytes in one arena, one fixed-size
/// record each, no object or String per entry.
///
/// Entries are identified by (canonical URL, type), found through the URL's 64-bit hash and confirmed by comparing
/// the bytes, so two URLs that share a hash are still two entries. ``candidates(backlog:)`` turns the store into
/// the planner's ``Candidate`` values once reading is done.
struct CandidateStore: Sendable {
    /// One distinct entry.
    ///
    /// The URL is `arena[urlStart..<urlStart + urlLength]`.
    struct Record: Sendable {
        var key: UInt64
        var urlStart: Int
        var urlLength: Int32
        var type: EntryType
        var hasPriority: Bool
        /// The input (0-based) and line (1-based) of the first sighting; input -1 for a backlog entry.
        var input: Int32
        var line: Int
        var occurrences: Int
        /// The latest change, or `Int64.min` when none is known.
        var latestChange: Int64
        var priority: Int
        /// Order of first appearance within its input (or within the backlog).
        var ordinal: Int
        /// For a backlog entry: its position in the backlog list; otherwise -1.
        var backlogIndex: Int32
    }

    private(set) var records: [Record] = []
    private var arena: [UInt8] = []
    /// (hash, type) → record number.
    private var index = HashedTable<UInt32>()
    /// How URLs are hashed: ``URLHash``, unless a test forces collisions.
    private let hash: @Sendable (UnsafeRawBufferPointer) -> UInt64

    init(hash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64 = { URLHash.hash($0) }) {
        self.hash = hash
    }

    /// The number of distinct entries.
    var count: Int { records.count }

    /// Bytes held by the arena, the records and the index, for statistics and tests.
    var footprint: Int {
        arena.capacity + records.capacity * MemoryLayout<Record>.stride + index.footprint
    }

    /// The (URL, type) of every entry, in record order.
    var keys: [CandidateKey] { keys(of: nil) }

    /// The (URL, type) of the entries of `types` (`nil`: all), in record order.
    func keys(of types: Set<EntryType>?) -> [CandidateKey] {
        arena.withUnsafeBufferPointer { arena in
            records.filter { types?.contains($0.type) ?? true }.map { record in
                CandidateKey(
                    url: String(
                        decoding: UnsafeBufferPointer(
                            rebasing: arena[record.urlStart..<record.urlStart + Int(record.urlLength)]),
                        as: UTF8.self),
                    type: record.type)
            }
        }
    }

    /// Adds one sighting of the canonical URL in `url`.
    ///
    /// The first sighting keeps its source and appearance; later ones add their occurrences and keep the latest
    /// change and the highest priority.
    mutating func add(
        url: URLBuffer, type: EntryType, input: Int, line: Int, ordinal: Int, latestChange: Int64?, priority: Int?
    ) {
        url.withCanonicalBytes { canonical in
            let bytes = canonical.bytes
            var record = Record(
                key: hash(bytes), urlStart: 0, urlLength: Int32(bytes.count), type: type,
                hasPriority: priority != nil, input: Int32(input), line: line, occurrences: 1,
                latestChange: latestChange ?? .min, priority: priority ?? 0, ordinal: ordinal, backlogIndex: -1)
            add(record: &record, url: bytes)
        }
    }

    /// Adds the entries of another store after this one's (a later input, or the inputs after the backlog).
    mutating func append(_ other: CandidateStore) {
        other.arena.withUnsafeBytes { otherArena in
            for var record in other.records {
                let url = UnsafeRawBufferPointer(
                    rebasing: otherArena[record.urlStart..<record.urlStart + Int(record.urlLength)])
                add(record: &record, url: url)
            }
        }
    }

    /// Adds backlog entries: they come first, and later sightings merge into them.
    mutating func addBacklog(_ backlog: [Candidate]) {
        for (position, candidate) in backlog.enumerated() {
            var url = candidate.url
            url.withUTF8 { bytes in
                let raw = UnsafeRawBufferPointer(bytes)
                var record = Record(
                    key: hash(raw), urlStart: 0, urlLength: Int32(raw.count), type: candidate.type,
                    hasPriority: false, input: -1, line: 0, occurrences: 0, latestChange: .min, priority: 0,
                    ordinal: position, backlogIndex: Int32(position))
                add(record: &record, url: raw)
            }
        }
    }

    /// The planner's candidates, in order of first appearance.
    ///
    /// Backlog entries (with what the inputs added to them) come first, then each input's new entries. `hits` (one
    /// per record, in record order) are added to the backlog's.
    func candidates(backlog: [Candidate], hits: [Int]) -> [Candidate] {
        candidates(backlog: backlog, reads: hits.map { HitAttribution.Reads(hits: $0, wasRead: $0 > 0) })
    }

    /// The planner's candidates with what the inputs read of each (one per record, in record order).
    func candidates(backlog: [Candidate], reads: [HitAttribution.Reads]) -> [Candidate] {
        arena.withUnsafeBufferPointer { arena in
            zip(records, reads).map { record, reads in
                let hits = reads.hits
                let url = String(
                    decoding: UnsafeBufferPointer(
                        rebasing: arena[record.urlStart..<record.urlStart + Int(record.urlLength)]),
                    as: UTF8.self)
                let change = record.latestChange == .min ? nil : record.latestChange
                let priority = record.hasPriority ? record.priority : nil
                if record.backlogIndex >= 0 {
                    var candidate = backlog[Int(record.backlogIndex)]
                    candidate.absorb(
                        Candidate(
                            url: url, type: record.type, source: .recorded(""), occurrences: record.occurrences,
                            hits: hits, latestChange: change, priority: priority, appearance: candidate.appearance))
                    candidate.wasRead = reads.wasRead
                    return candidate
                }
                var candidate = Candidate(
                    url: url, type: record.type, source: .line(input: Int(record.input), line: record.line),
                    occurrences: record.occurrences, hits: hits, latestChange: change, priority: priority,
                    appearance: Appearance(group: Int(record.input) + 1, ordinal: record.ordinal))
                candidate.wasRead = reads.wasRead
                return candidate
            }
        }
    }

    // MARK: - Storage

    private mutating func add(record: inout Record, url: UnsafeRawBufferPointer) {
        let indexKey = Self.indexKey(record.key, record.type)
        var probe = indexKey
        while true {
            let (position, inserted) = index.findOrInsert(probe, initial: UInt32(records.count))
            if inserted {
                record.urlStart = arena.count
                arena.append(contentsOf: url)
                records.append(record)
                return
            }
            var existing = 0
            index.update(at: position) { existing = Int($0) }
            if records[existing].type == record.type, sameURL(records[existing], url) {
                absorb(record, into: existing)
                return
            }
            // A different URL with the same hash (about 2⁻⁶⁴ per pair): probe on with a derived key.
            probe = Self.rehash(probe)
        }
    }

    private mutating func absorb(_ sighting: Record, into position: Int) {
        records.withUnsafeMutableBufferPointer { records in
            records[position].occurrences += sighting.occurrences
            if sighting.latestChange != .min {
                records[position].latestChange = max(records[position].latestChange, sighting.latestChange)
            }
            if sighting.hasPriority {
                records[position].priority =
                    records[position].hasPriority
                    ? max(records[position].priority, sighting.priority) : sighting.priority
                records[position].hasPriority = true
            }
        }
    }

    private func sameURL(_ record: Record, _ url: UnsafeRawBufferPointer) -> Bool {
        guard Int(record.urlLength) == url.count else { return false }
        return arena.withUnsafeBytes { arena in
            guard let base = url.baseAddress, let arenaBase = arena.baseAddress else { return url.isEmpty }
            return memcmp(arenaBase + record.urlStart, base, url.count) == 0
        }
    }

    /// The index key of (URL hash, type): entries of different types are different entries.
    private static func indexKey(_ key: UInt64, _ type: EntryType) -> UInt64 {
        let mixed: UInt64
        switch type {
        case .file: mixed = key
        case .directory: mixed = rehash(key ^ 0x1)
        case .regex: mixed = rehash(key ^ 0x2)
        case .ignoreparams: mixed = rehash(key ^ 0x3)
        }
        return mixed == 0 ? 1 : mixed
    }

    private static func rehash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        let result = z ^ (z >> 31)
        return result == 0 ? 1 : result
    }
}
