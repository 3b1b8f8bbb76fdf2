/// The fields of one access-log record that selection and normalization need, as ranges into the line.
struct LogRecord {
    /// How the target's bytes are escaped in the log.
    enum TargetEscaping {
        /// Used as written.
        case none
        /// nginx/Apache backslash escapes (`\xHH`, `\"`): decode once before normalizing.
        case backslash
        /// An OSS object name: percent-decode once, then treat the bytes as data.
        case percent
    }

    /// The request method, or `nil` when the request line is not `METHOD TARGET [PROTOCOL]`.
    var method: Range<Int>?
    /// The URL or path requested.
    var target: Range<Int>
    var targetEscaping: TargetEscaping
    /// HTTP status; `nil` when logged as `-`.
    var status: Int?
    /// Seconds since the epoch.
    var time: Int64?
    /// A host named by its own field (OSS `HostName`).
    var hostField: Range<Int>?
    /// For OSS records: whether the operation writes an object (and is not a CDN back-to-origin fetch).
    var isWrite: Bool?
    /// How `%` in the target is to be read after the log escaping is decoded.
    var pathEncoding: PathEncoding = .escaped
}

extension LogRecord {
    /// Builds a record from a quoted request field, a status field and a bracketed time field (the shape shared
    /// by the combined and Alibaba CDN formats), or says which of them is malformed.
    static func request(
        _ line: UnsafeBufferPointer<UInt8>, request: FieldScanner.Field, status: FieldScanner.Field,
        time: FieldScanner.Field, format: ConcreteFormat, times: inout TimestampCache
    ) -> Result<LogRecord, LineFailure> {
        guard let parsedStatus = parseStatus(line, status.range) else {
            return .failure(.malformed(format, "the status is not a three-digit number"))
        }
        guard let parsedTime = times.parse(UnsafeBufferPointer(rebasing: line[time.range])) else {
            return .failure(.malformed(format, "the time is not [dd/Mon/yyyy:HH:MM:SS +zone]"))
        }
        let split = splitRequest(line, request.range)
        return .success(
            LogRecord(
                method: split?.method, target: split?.target ?? request.range,
                targetEscaping: request.hasBackslash ? .backslash : .none, status: parsedStatus, time: parsedTime))
    }

    /// Splits a request line `METHOD TARGET [HTTP/x.y]` into method and target ranges, relative to the line.
    ///
    /// - Returns: `nil` when there is no upper-case method followed by a target.
    static func splitRequest(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> (method: Range<Int>, target: Range<Int>)?
    {
        var i = range.lowerBound
        while i < range.upperBound, (0x41...0x5A).contains(line[i]) { i += 1 }
        let method = range.lowerBound..<i
        guard !method.isEmpty, i < range.upperBound, line[i] == 0x20 else { return nil }
        var start = i
        while start < range.upperBound, line[start] == 0x20 { start += 1 }
        var end = range.upperBound
        while end > start, line[end - 1] == 0x20 { end -= 1 }
        // Drop a trailing " HTTP/x.y" protocol token.
        var lastSpace = end - 1
        while lastSpace > start, line[lastSpace] != 0x20 { lastSpace -= 1 }
        if lastSpace > start, end - lastSpace > 5,
            line[lastSpace + 1] == 0x48, line[lastSpace + 2] == 0x54, line[lastSpace + 3] == 0x54,
            line[lastSpace + 4] == 0x50, line[lastSpace + 5] == 0x2F
        {
            end = lastSpace
            while end > start, line[end - 1] == 0x20 { end -= 1 }
        }
        guard end > start else { return nil }
        return (method, start..<end)
    }

    /// Parses a three-digit status field; `-` yields `.some(nil)`, anything else `nil`.
    static func parseStatus(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int?? {
        if range.count == 1, line[range.lowerBound] == 0x2D { return .some(nil) }
        guard range.count == 3 else { return nil }
        var value = 0
        for b in line[range] {
            guard (0x30...0x39).contains(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return .some(value)
    }
}
