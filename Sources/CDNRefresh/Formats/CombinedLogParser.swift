/// Parses Apache/nginx `combined` (and `common`, and nginx `main`) lines:
/// `%h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`, further fields ignored.
struct CombinedLogParser {
    private var times = TimestampCache()

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<LogRecord, LineFailure> {
        var scanner = FieldScanner(line)
        return scanner.withFields(upTo: 7) { fields, unterminated in
            if unterminated {
                return .failure(.malformed(.combined, "a quoted or bracketed field is not closed"))
            }
            guard fields.count >= 7 else {
                return .failure(.malformed(.combined, "expected at least 7 fields, found \(fields.count)"))
            }
            guard fields[0].kind == .bare, fields[1].kind == .bare, fields[2].kind == .bare,
                fields[3].kind == .bracketed, fields[4].kind == .quoted
            else {
                return .failure(
                    .malformed(.combined, "expected 'host ident user [time] \"request\" status bytes'"))
            }
            return LogRecord.request(
                line, request: fields[4], status: fields[5], time: fields[3], format: .combined, times: &times)
        }
    }
}
