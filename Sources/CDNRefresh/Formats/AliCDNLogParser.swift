/// Parses Alibaba Cloud CDN offline log lines.
///
/// The layout is
/// `[time] client-ip proxy-ip response-ms "referer" "METHOD URL" status req-bytes resp-bytes HIT|MISS "ua" "type"`,
/// further fields ignored. `URL` may be absolute or a path.
struct AliCDNLogParser {
    private var times = TimestampCache()

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<LogRecord, LineFailure> {
        var scanner = FieldScanner(line)
        return scanner.withFields(upTo: 7) { fields, unterminated in
            if unterminated {
                return .failure(.malformed(.alicdn, "a quoted or bracketed field is not closed"))
            }
            guard fields.count >= 7, fields[0].kind == .bracketed, fields[4].kind == .quoted,
                fields[5].kind == .quoted
            else {
                return .failure(
                    .malformed(.alicdn, "expected '[time] ip proxy ms \"referer\" \"METHOD URL\" status …'"))
            }
            return LogRecord.request(
                line, request: fields[5], status: fields[6], time: fields[0], format: .alicdn, times: &times)
        }
    }
}
