/// Reads one input's lines: sniffs its format, parses, selects, normalizes and merges them into a digest.
///
/// Works on the line's bytes and allocates nothing per line: a URL is normalized into a reusable buffer, a read
/// becomes a counter in ``HitCounts`` keyed by the URL's hash, and only a candidate's URL is kept, in the
/// ``CandidateStore`` arena.
struct InputProcessor {
    let configuration: PipelineConfiguration
    let inputIndex: Int
    let input: InputSource
    /// Whether the input is read only for hits (`--hits-from`): nothing in it is a candidate.
    let hitsOnly: Bool

    var normalizer: URLNormalizer
    private var format: ConcreteFormat?
    private var csv: CSVManifestParser?
    private var combined = CombinedLogParser()
    private var alicdn = AliCDNLogParser()
    private var oss = OSSLogParser()
    var scratch: [UInt8] = []
    var url = URLBuffer()
    private var store = CandidateStore()
    var hits: HitCounts
    private var invalid: [InvalidLine] = []
    /// Invalid lines beyond ``maxInvalidRows``: counted, not kept.
    private var overflow: (count: Int, first: Int, last: Int)?
    var counters = InputCounters()
    private var ordinal = 0

    /// A processor for input number `inputIndex` that adds its reads to `hits` (a worker's table, shared by the
    /// inputs it reads one after another).
    init(
        configuration: PipelineConfiguration, inputIndex: Int, input: InputSource, hitsOnly: Bool = false,
        hits: HitCounts = HitCounts()
    ) {
        self.configuration = configuration
        self.hits = hits
        self.inputIndex = inputIndex
        self.input = input
        self.hitsOnly = hitsOnly
        self.normalizer = URLNormalizer(options: configuration.normalization)
        self.format = configuration.format.concrete
        // A remote input says how it is read (a CDN log file, SLS's counts), whatever `--format` says of the local ones.
        if case .remote(let remote) = input { format = remote.format }
        scratch.reserveCapacity(1024)
        if format == .alicdn { adoptAliCDNFileDomain() }
    }

    /// Handles one line event from the reader.
    mutating func consume(_ event: LineEvent) {
        switch event {
        case .line(let bytes, let number):
            counters.lines += 1
            consume(line: bytes, number: number)
        case .tooLong(let number):
            counters.lines += 1
            reject(text: "", type: nil, failure: .tooLong, line: number)
        case .cutOff(let bytes, let number):
            counters.lines += 1
            reject(text: InvalidLine.text(bytes), type: nil, failure: .cutOff, line: number)
        }
    }

    /// The invalid lines of one input that get a report row each; the rest share one row.
    ///
    /// A file of random bytes is almost all invalid lines: without a bound, its rows would take more memory and
    /// disk than the input itself.
    static let maxInvalidRows = 1000

    /// Finishes the input: its digest, its candidates, and the hit table with its reads added.
    consuming func finish(damage: InputError?, wasGzip: Bool) -> (InputDigest, CandidateStore, HitCounts) {
        if let overflow {
            invalid.append(
                InvalidLine(
                    source: .line(input: inputIndex, line: overflow.first),
                    text: "\(overflow.count) more invalid lines", type: nil,
                    failure: LineFailure(
                        code: "MoreInvalidLines",
                        message:
                            "\(overflow.count) more invalid lines in this input, lines \(overflow.first) to "
                            + "\(overflow.last), not listed one by one (the first \(Self.maxInvalidRows) have rows)")))
        }
        let digest = InputDigest(
            input: input, format: format, wasGzip: wasGzip, candidateCount: store.count, invalid: invalid,
            counters: counters, damage: damage)
        return (digest, store, hits)
    }

    // MARK: - Lines

    private mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int) {
        if format == nil {
            if Self.isBlankOrComment(line) {
                counters.skipped += 1
                return
            }
            format = ConcreteFormat.sniff(line)
            if format == .alicdn { adoptAliCDNFileDomain() }
        }
        switch format! {
        case .manifest:
            consumeManifest(line: line, number: number)
        case .combined:
            consumeLog(combined.parse(line), line: line, number: number, format: .combined)
        case .alicdn:
            consumeLog(alicdn.parse(line), line: line, number: number, format: .alicdn)
        case .oss:
            consumeLog(oss.parse(line), line: line, number: number, format: .oss)
        }
    }

    private mutating func consumeManifest(line: UnsafeBufferPointer<UInt8>, number: Int) {
        if counters.candidateLines == 0, counters.invalid == 0, csv == nil,
            let header = CSVManifestParser(header: line)
        {
            csv = header
            counters.skipped += 1
            return
        }
        if hitsOnly {
            // Read only for hits, a manifest adds the hits of its `hits` column (SLS's counted reads), nothing else.
            consumeManifestHits(line: line)
            return
        }
        if let csv {
            guard let parsed = csv.parse(line) else {
                counters.skipped += 1
                return
            }
            switch parsed {
            case .failure(let failure):
                reject(text: InvalidLine.text(line), type: nil, failure: failure, line: number)
            case .success(let fields):
                var text = fields.url
                text.withUTF8 {
                    addManifestEntry(
                        target: $0, type: fields.type, priority: fields.priority, line: number, hits: fields.hits,
                        changed: fields.changed)
                }
            }
            return
        }
        guard let parsed = ManifestParser.parse(line) else {
            counters.skipped += 1
            return
        }
        switch parsed {
        case .failure(let failure):
            reject(text: InvalidLine.text(line), type: nil, failure: failure, line: number)
        case .success(let entry):
            addManifestEntry(
                target: UnsafeBufferPointer(rebasing: line[entry.url]), type: entry.type, priority: entry.priority,
                line: number)
        }
    }

    /// A CSV manifest row of a hits-only input: its `hits` count as reads of its URL; any other line is ignored.
    private mutating func consumeManifestHits(line: UnsafeBufferPointer<UInt8>) {
        guard let csv, case .success(let fields)? = csv.parse(line), fields.hits > 0 else {
            counters.ignored += 1
            return
        }
        var text = fields.url
        let failed = text.withUTF8 {
            normalizer.normalize(
                target: $0, hostField: nil, form: .manifestEntry, encoding: .escaped, type: .file, into: &url)
        }
        guard failed == nil else {
            counters.ignored += 1
            return
        }
        hits.recordHit(url, count: fields.hits)
        counters.hitLines += 1
    }

    /// Normalizes a manifest entry (TAB or CSV) and adds it, or rejects it with the reason.
    ///
    /// A mergeable manifest's `hits` count as reads of the entry's URL (so they add up across manifests and reach a
    /// directory's hits as reads beneath it do); its `changed` is the entry's latest change.
    private mutating func addManifestEntry(
        target: UnsafeBufferPointer<UInt8>, type given: EntryType?, priority: Int?, line: Int, hits: Int = 0,
        changed: Int64? = nil
    ) {
        let type = given ?? configuration.defaultType
        if let error = normalizer.normalize(
            target: target, hostField: nil, form: .manifestEntry, encoding: .escaped, type: type, into: &url)
        {
            reject(text: InvalidLine.text(target), type: type, failure: .normalization(error), line: line)
        } else {
            addCandidate(type: type, line: line, time: changed, priority: priority)
            if hits > 0 { self.hits.recordHit(url, count: hits) }
        }
    }

    // MARK: - Results

    /// Adds the URL in the buffer as a candidate.
    mutating func addCandidate(type: EntryType, line: Int, time: Int64?, priority: Int?) {
        counters.candidateLines += 1
        store.add(
            url: url, type: type, input: inputIndex, line: line, ordinal: ordinal, latestChange: time,
            priority: priority)
        ordinal += 1
    }

    mutating func reject(text: @autoclosure () -> String, type: EntryType?, failure: LineFailure, line: Int) {
        counters.invalid += 1
        guard invalid.count < Self.maxInvalidRows else {
            overflow = (count: (overflow?.count ?? 0) + 1, first: overflow?.first ?? line, last: line)
            return
        }
        invalid.append(
            InvalidLine(source: .line(input: inputIndex, line: line), text: text(), type: type, failure: failure))
    }

    private static func isBlankOrComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line {
            if URLByte.isSpace(b) { continue }
            return b == 0x23
        }
        return true
    }
}
