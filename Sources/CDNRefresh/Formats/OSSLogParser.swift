/// Parses Alibaba Cloud OSS access-log lines (`RemoteIP Reserved Reserved [Time] "RequestURL" HTTPStatus …
/// "HostName" … "Operation" "BucketName" "ObjectName" … "SyncRequest" …`); later fields are optional.
struct OSSLogParser {
    /// `Operation` values that change an object, as OSS logs name them (DESIGN §3).
    static let writeOperations: Set<String> = [
        "PutObject", "PostObject", "AppendObject", "CopyObject", "CompleteUploadPart", "DeleteObject",
        "PutObjectSymlink",
    ]

    private static let writeOperationBytes: [[UInt8]] = writeOperations.map { Array($0.utf8) }

    private enum Field {
        static let time = 3
        static let requestURL = 4
        static let status = 5
        static let hostName = 10
        static let operation = 14
        static let objectName = 16
        static let syncRequest = 23
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<LogRecord, LineFailure> {
        var scanner = FieldScanner(line)
        return scanner.withFields(upTo: Field.syncRequest + 1) { fields, unterminated in
            Self.record(line, fields: fields, unterminated: unterminated)
        }
    }

    private static func record(
        _ line: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<FieldScanner.Field>, unterminated: Bool
    ) -> Result<LogRecord, LineFailure> {
        let count = fields.count
        if unterminated {
            return .failure(.malformed(.oss, "a quoted or bracketed field is not closed"))
        }
        guard count > Field.objectName, fields[Field.time].kind == .bracketed,
            fields[Field.requestURL].kind == .quoted, fields[Field.hostName].kind == .quoted,
            fields[Field.operation].kind == .quoted, fields[Field.objectName].kind == .quoted
        else {
            return .failure(
                .malformed(.oss, "expected at least 17 fields ending with \"Operation\" \"Bucket\" \"Object\""))
        }
        guard let status = LogRecord.parseStatus(line, fields[Field.status].range) else {
            return .failure(.malformed(.oss, "the status is not a three-digit number"))
        }
        guard let time = LogTimestamp.parse(UnsafeBufferPointer(rebasing: line[fields[Field.time].range])) else {
            return .failure(.malformed(.oss, "the time is not [dd/Mon/yyyy:HH:MM:SS +zone]"))
        }
        let operation = line[fields[Field.operation].range]
        var fromCDN = false
        if count > Field.syncRequest {
            let sync = line[fields[Field.syncRequest].range]
            fromCDN = sync.elementsEqual("cdn".utf8)
        }
        let split = LogRecord.splitRequest(line, fields[Field.requestURL].range)
        return .success(
            LogRecord(
                method: split?.method,
                target: fields[Field.objectName].range,
                targetEscaping: .percent,
                status: status,
                time: time,
                hostField: fields[Field.hostName].range,
                isWrite: !fromCDN && writeOperationBytes.contains { $0.elementsEqual(operation) },
                pathEncoding: .raw))
    }
}
