extension InputProcessor {
    mutating func consumeLog(
        _ parsed: Result<LogRecord, LineFailure>, line: UnsafeBufferPointer<UInt8>, number: Int,
        format: ConcreteFormat
    ) {
        let record: LogRecord
        switch parsed {
        case .failure(let failure):
            reject(text: InvalidLine.text(line), type: .file, failure: failure, line: number)
            return
        case .success(let value):
            record = value
        }
        guard let (isCandidate, isHit) = select(record, line: line, number: number, format: format) else { return }
        let rawTarget = UnsafeBufferPointer(rebasing: line[record.target])
        if record.targetEscaping == .percent, rawTarget.count == 1, rawTarget[0] == 0x2D {
            // OSS records without an object (bucket operations) name nothing to refresh.
            if isCandidate {
                reject(
                    text: "-", type: .file,
                    failure: LineFailure(code: "NoObject", message: "the OSS record names no object"), line: number)
            } else {
                counters.ignored += 1
            }
            return
        }
        if let error = normalizeTarget(of: record, rawTarget, line: line) {
            if isCandidate {
                reject(text: InvalidLine.text(rawTarget), type: .file, failure: .normalization(error), line: number)
            } else {
                counters.ignored += 1
            }
            return
        }
        if isHit {
            counters.hitLines += 1
            hits.recordHit(url)
        }
        if isCandidate {
            addCandidate(type: .file, line: number, time: record.time, priority: nil)
        }
    }

    /// Whether a record is a candidate (`--methods`, `--status`, `--since/--until`; never in a hits-only input) and
    /// whether it is a hit; `nil` when it is neither, counted as ignored or, for a garbage request line that could
    /// have been a candidate, rejected.
    @inline(__always)
    private mutating func select(
        _ record: LogRecord, line: UnsafeBufferPointer<UInt8>, number: Int, format: ConcreteFormat
    ) -> (isCandidate: Bool, isHit: Bool)? {
        let rules = configuration.selection
        guard let methodRange = record.method else {
            // A garbage request line (a TLS handshake on a plain port, say) matters only if the record could
            // have been a candidate.
            if !hitsOnly && rules.selects(status: record.status) && rules.selects(time: record.time) {
                reject(
                    text: InvalidLine.text(line[record.target]), type: .file,
                    failure: .malformed(format, "the request is not 'METHOD TARGET PROTOCOL'"), line: number)
            } else {
                counters.ignored += 1
            }
            return nil
        }
        let method = UnsafeBufferPointer(rebasing: line[methodRange])
        let writes = !hitsOnly && (record.isWrite ?? rules.selects(method: method))
        let isCandidate = writes && rules.selects(status: record.status) && rules.selects(time: record.time)
        let isHit = SelectionRules.isHit(method: method, status: record.status)
        guard isCandidate || isHit else {
            counters.ignored += 1
            return nil
        }
        return (isCandidate, isHit)
    }

    /// Normalizes a record's target into `url`: its log escapes (nginx `\xHH`, OSS percent-encoding) decoded into
    /// `scratch` first, where the format has them.
    @inline(__always)
    private mutating func normalizeTarget(
        of record: LogRecord, _ rawTarget: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>
    ) -> NormalizationError? {
        switch record.targetEscaping {
        case .none: break
        case .backslash: LogEscapes.decode(rawTarget, into: &scratch)
        case .percent: scratch = PercentEncoding.decode(rawTarget)
        }
        let hostField = record.hostField.map { UnsafeBufferPointer(rebasing: line[$0]) }
        func normalize(_ target: UnsafeBufferPointer<UInt8>) -> NormalizationError? {
            normalizer.normalize(
                target: target, hostField: hostField, form: .logTarget, encoding: record.pathEncoding, type: .file,
                into: &url)
        }
        return record.targetEscaping == .none ? normalize(rawTarget) : scratch.withUnsafeBufferPointer(normalize)
    }

    /// Without `--domain`, an Alibaba CDN log named `<domain>_<date>_….gz` serves its path-only records.
    mutating func adoptAliCDNFileDomain() {
        let path: String
        switch input {
        case .file(let name): path = name
        case .remote(let remote): path = remote.fileName
        default: return
        }
        guard configuration.normalization.defaultDomain == nil, let domain = AliCDNFileName.domain(fromPath: path),
            case .success(let host) = HostCanonicalizer.canonicalize(Array(domain.utf8))
        else { return }
        var options = configuration.normalization
        options.defaultDomain = host
        normalizer = URLNormalizer(options: options)
    }
}
