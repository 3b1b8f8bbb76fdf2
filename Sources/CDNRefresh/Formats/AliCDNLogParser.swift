/// Parses Alibaba Cloud CDN offline log lines.
///
/// The layout is
/// `[time] client-ip proxy-ip response-ms "referer" "METHOD URL" status req-bytes resp-bytes HIT|MISS "ua" "type"`,
/// further fields ignored. `URL` may be absolute or a path.
struct AliCDNLogParser {
    private var fields: [FieldScanner.Field] = []

    init() {
        fields.reserveCapacity(8)
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<LogRecord, LineFailure> {
        var scanner = FieldScanner(line)
        let count = scanner.fill(&fields, upTo: 7)
        if scanner.unterminated {
            return .failure(.malformed(.alicdn, "a quoted or bracketed field is not closed"))
        }
        guard count >= 7, fields[0].kind == .bracketed, fields[4].kind == .quoted, fields[5].kind == .quoted
        else {
            return .failure(.malformed(.alicdn, "expected '[time] ip proxy ms \"referer\" \"METHOD URL\" status …'"))
        }
        guard let status = LogRecord.parseStatus(line, fields[6].range) else {
            return .failure(.malformed(.alicdn, "the status is not a three-digit number"))
        }
        guard let time = LogTimestamp.parse(UnsafeBufferPointer(rebasing: line[fields[0].range])) else {
            return .failure(.malformed(.alicdn, "the time is not [dd/Mon/yyyy:HH:MM:SS +zone]"))
        }
        let request = fields[5]
        let split = LogRecord.splitRequest(line, request.range)
        return .success(
            LogRecord(
                method: split?.method,
                target: split?.target ?? request.range,
                targetEscaping: request.hasBackslash ? .backslash : .none,
                status: status,
                time: time))
    }
}
