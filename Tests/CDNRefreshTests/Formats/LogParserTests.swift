import Testing

@testable import CDNRefresh

/// The parts of a parsed record as text, for table comparisons.
struct ParsedRecord: Equatable, CustomStringConvertible {
    var method: String?
    var target: String
    var status: Int?
    var time: Int64?
    var host: String?
    var isWrite: Bool?

    var description: String {
        "\(method ?? "nil") \(target) \(status.map(String.init) ?? "-") t=\(time.map(String.init) ?? "nil") host=\(host ?? "nil") write=\(isWrite.map(String.init) ?? "nil")"
    }
}

func parse(_ line: String, with format: ConcreteFormat) -> Result<ParsedRecord, LineFailure> {
    var line = line
    return line.withUTF8 { bytes in
        let result: Result<LogRecord, LineFailure>
        switch format {
        case .combined:
            var parser = CombinedLogParser()
            result = parser.parse(bytes)
        case .alicdn:
            var parser = AliCDNLogParser()
            result = parser.parse(bytes)
        case .oss:
            var parser = OSSLogParser()
            result = parser.parse(bytes)
        case .manifest:
            fatalError("manifest lines are not log records")
        }
        return result.map { record in
            ParsedRecord(
                method: record.method.map { String(decoding: bytes[$0], as: UTF8.self) },
                target: String(decoding: bytes[record.target], as: UTF8.self),
                status: record.status, time: record.time,
                host: record.hostField.map { String(decoding: bytes[$0], as: UTF8.self) },
                isWrite: record.isWrite)
        }
    }
}

@Suite("combined log lines")
struct CombinedLogParserTests {
    static let cases: [(String, ParsedRecord)] = [
        (
            #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)""#,
            ParsedRecord(method: "GET", target: "/apache_pb.gif", status: 200, time: 971_211_336)
        ),
        (
            #"192.0.2.122 - combatcarl@example.com [11/Jan/2022:03:04:27 +0000] "PUT dolore/do/labore/consectetur/eiusmod/magna HTTP/1.0" 200 1808 "http://lnav.org/download.html" "Mozilla/5.0""#,
            ParsedRecord(
                method: "PUT", target: "dolore/do/labore/consectetur/eiusmod/magna", status: 200, time: 1_641_870_267)
        ),
        (
            // nginx main: a trailing X-Forwarded-For field is ignored
            #"54.36.149.41 - - [22/Jan/2019:03:56:14 +0330] "GET /filter/27|13%20%D9%85,p53 HTTP/1.1" 200 30577 "-" "AhrefsBot" "-""#,
            ParsedRecord(method: "GET", target: "/filter/27|13%20%D9%85,p53", status: 200, time: 1_548_116_774)
        ),
        (
            // common log format (no referer and user agent)
            #"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "DELETE /a.png HTTP/1.1" 204 -"#,
            ParsedRecord(method: "DELETE", target: "/a.png", status: 204, time: 971_211_336)
        ),
        (
            // status "-" and an absolute-form target
            #"10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET http://www.example.com:80/x HTTP/1.1" - 0 "-" "-""#,
            ParsedRecord(method: "GET", target: "http://www.example.com:80/x", status: nil, time: 1_704_067_200)
        ),
        (
            // HTTP/0.9 style request without protocol; Apache escaped quote inside the request
            #"10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "POST /say\"hi\" " 201 5"#,
            ParsedRecord(method: "POST", target: #"/say\"hi\""#, status: 201, time: 1_704_067_200)
        ),
        (
            // a TLS handshake on a plain port: no method, kept as a record with a garbage request
            #"10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "\x16\x03\x01\x00\xA5" 400 166 "-" "-""#,
            ParsedRecord(method: nil, target: #"\x16\x03\x01\x00\xA5"#, status: 400, time: 1_704_067_200)
        ),
    ]

    @Test("parses request, status and time", arguments: cases)
    func parsesRecords(line: String, expected: ParsedRecord) throws {
        let record = try parse(line, with: .combined).get()
        #expect(record == expected)
    }

    static let malformed = [
        #"192.168.202.254 [20/Jul/2009:22:59:29 +0000] "GET /vmw/vSphere/default/vmkboot.gz HTTP/1.0" 404 46210 "-" "gPXE/0.9.7""#,
        #"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a HTTP/1.1 200 5"#,
        #"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a HTTP/1.1" 2000 5"#,
        #"1.2.3.4 - - [32/Foo/2024:00:00:00 +0000] "GET /a HTTP/1.1" 200 5"#,
        "",
        "garbage",
    ]

    @Test("malformed lines are failures with a reason", arguments: malformed)
    func malformedLines(line: String) {
        guard case .failure(let failure) = parse(line, with: .combined) else {
            Issue.record("expected a failure for \(line)")
            return
        }
        #expect(failure.code == "MalformedLine")
        #expect(failure.message.contains("combined"))
    }
}

@Suite("Alibaba CDN log lines")
struct AliCDNLogParserTests {
    static let cases: [(String, ParsedRecord)] = [
        (
            #"[9/Jun/2015:01:58:09 +0800] 192.168.15.75 - 1542 "-" "GET http://www.aliyun.com/index.html" 200 191 2830 MISS "Mozilla/5.0 (compatible; AhrefsBot/5.0; +http://ahrefs.com/robot/)" "text/html""#,
            ParsedRecord(method: "GET", target: "http://www.aliyun.com/index.html", status: 200, time: 1_433_786_289)
        ),
        (
            #"[15/Apr/2020:19:59:53 +0800] 223.242.160.44 - 5 "/events/20200415/index.html" "GET /events/20200415/js/jquery.common.js" 200 42 2555 HIT "Mozilla/5.0" "application/javascript""#,
            ParsedRecord(
                method: "GET", target: "/events/20200415/js/jquery.common.js", status: 200, time: 1_586_951_993)
        ),
        (
            // a trailing extra field (client IP) is ignored
            #"[8/Jan/2025:20:16:55 +0800] 139.224.1.2 - 197 "https://www.aliyun.com/" "GET http://cdn.aliyun.cn/images/cdn.jpg" 304 369 1143 HIT "Mozilla/5.0" "application/xml" 139.224.1.2"#,
            ParsedRecord(method: "GET", target: "http://cdn.aliyun.cn/images/cdn.jpg", status: 304, time: 1_736_338_615)
        ),
    ]

    @Test("parses request, status and time", arguments: cases)
    func parsesRecords(line: String, expected: ParsedRecord) throws {
        #expect(try parse(line, with: .alicdn).get() == expected)
    }

    @Test("a combined line is not an alicdn line")
    func rejectsOtherFormats() {
        let line = #"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "-""#
        guard case .failure(let failure) = parse(line, with: .alicdn) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message.contains("alicdn"))
    }
}

@Suite("OSS log lines")
struct OSSLogParserTests {
    /// The official sample (a GetObject fetched by the CDN, SyncRequest "cdn").
    static let sample =
        #"192.168.0.1 - - [03/Jan/2021:14:59:49 +0800] "GET /example.jpg HTTP/1.0" 200 999131 127 "http://www.aliyun.com/product/oss" "curl/7.15.5" "examplebucket.oss-cn-hangzhou.aliyuncs.com" "5FF16B65F05BC932307A3C3C" "true" "16571836914537****" "GetObject" "examplebucket" "example.jpg" 999131 88 "-" 302 "16571836914537****" - "cdn" "standard" "-" "-" "LTAI4FrfJPUSoKm4JHb5****""#

    static func line(operation: String, method: String, object: String, sync: String, status: Int = 200) -> String {
        #"10.1.1.1 - - [24/Nov/2026:02:00:00 +0800] "\#(method) /\#(object) HTTP/1.1" \#(status) 0 12 "-" "aliyun-sdk-go" "bucket.oss-cn-hangzhou.aliyuncs.com" "REQ" "true" "123" "\#(operation)" "bucket" "\#(object)" 10 5 "-" 100 "123" 10 "\#(sync)" "standard" "-" "-" "LTAI****""#
    }

    @Test("the official sample is a CDN back-to-origin read, not a write")
    func officialSample() throws {
        let record = try parse(Self.sample, with: .oss).get()
        #expect(
            record
                == ParsedRecord(
                    method: "GET", target: "example.jpg", status: 200, time: 1_609_657_189,
                    host: "examplebucket.oss-cn-hangzhou.aliyuncs.com", isWrite: false))
    }

    static let operations: [(String, String, String, Bool)] = [
        ("PutObject", "PUT", "-", true),
        ("PostObject", "POST", "-", true),
        ("AppendObject", "POST", "-", true),
        ("CopyObject", "PUT", "-", true),
        ("CompleteUploadPart", "POST", "-", true),
        ("DeleteObject", "DELETE", "-", true),
        ("PutObjectSymlink", "PUT", "-", true),
        ("UploadPart", "PUT", "-", false),
        ("PutObjectAcl", "PUT", "-", false),
        ("GetObject", "GET", "-", false),
        ("PutObject", "PUT", "cdn", false),
    ]

    @Test("write operations are writes unless the CDN made the request", arguments: operations)
    func writeOperations(operation: String, method: String, sync: String, isWrite: Bool) throws {
        let record = try parse(
            Self.line(operation: operation, method: method, object: "a/b.png", sync: sync), with: .oss
        ).get()
        #expect(record.isWrite == isWrite)
        #expect(record.target == "a/b.png")
        #expect(record.host == "bucket.oss-cn-hangzhou.aliyuncs.com")
    }

    @Test("a line with too few fields is malformed")
    func tooShort() {
        guard case .failure = parse(#"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 6"#, with: .oss)
        else {
            Issue.record("expected a failure")
            return
        }
    }
}

@Suite("Format sniffing")
struct FormatSniffTests {
    static let cases: [(String, ConcreteFormat)] = [
        (#"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326 "-" "-""#, .combined),
        (
            #"[9/Jun/2015:01:58:09 +0800] 1.2.3.4 - 1542 "-" "GET http://a.com/i.html" 200 191 2830 MISS "ua" "text/html""#,
            .alicdn
        ),
        (OSSLogParserTests.sample, .oss),
        ("https://cdn.example.com/a.png", .manifest),
        ("/a.png\tfile\t10", .manifest),
        ("url,type,priority", .manifest),
    ]

    @Test("the first line decides the format", arguments: cases)
    func sniffs(line: String, format: ConcreteFormat) {
        var line = line
        #expect(line.withUTF8 { ConcreteFormat.sniff($0) } == format)
    }
}

@Suite("Log timestamps")
struct LogTimestampTests {
    static let cases: [(String, Int64?)] = [
        ("10/Oct/2000:13:55:36 -0700", 971_211_336),
        ("01/Jan/1970:00:00:00 +0000", 0),
        ("9/Jun/2015:01:58:09 +0800", 1_433_786_289),
        ("29/Feb/2024:23:59:59 +0000", 1_709_251_199),
        ("22/Jan/2019:03:56:14 +0330", 1_548_116_774),
        ("01/Jan/2024:00:00:00", 1_704_067_200),
        ("1/Foo/2024:00:00:00 +0000", nil),
        ("01/Jan/2024:24:00:00 +0000", nil),
        ("01/Jan/2024:00:00:00 0000", nil),
        ("01/Jan/2024:00:00:00 +0000 extra", nil),
    ]

    @Test("parses dd/Mon/yyyy:HH:MM:SS ±zone", arguments: cases)
    func parses(text: String, expected: Int64?) {
        var text = text
        #expect(text.withUTF8 { LogTimestamp.parse($0) } == expected)
    }
}

@Suite("Log escapes")
struct LogEscapesTests {
    static let cases: [(String, [UInt8])] = [
        (#"/\xE4\xBD\xA0.png"#, Array("/你.png".utf8)),
        (#"/a\"b\\c"#, Array(#"/a"b\c"#.utf8)),
        (#"/tab\there"#, Array("/tab\there".utf8)),
        (#"/keep\q"#, Array(#"/keep\q"#.utf8)),
        (#"/short\x4"#, Array(#"/short\x4"#.utf8)),
    ]

    @Test("nginx and Apache escapes decode once", arguments: cases)
    func decodes(text: String, expected: [UInt8]) {
        var text = text
        var output: [UInt8] = []
        text.withUTF8 { LogEscapes.decode($0, into: &output) }
        #expect(output == expected)
    }
}

@Suite("Selection rules")
struct SelectionRulesTests {
    @Test("status lists and ranges parse, bad ones do not")
    func statuses() {
        #expect(SelectionRules.parseStatuses("200-299,404") == [200...299, 404...404])
        #expect(SelectionRules.parseStatuses(" 500 - 599 ") == [500...599])
        #expect(SelectionRules.parseStatuses("299-200") == nil)
        #expect(SelectionRules.parseStatuses("abc") == nil)
        #expect(SelectionRules.parseStatuses("") == nil)
        #expect(SelectionRules.parseStatuses("99") == nil)
    }

    @Test("methods are upper-cased; empty entries are rejected")
    func methods() {
        #expect(SelectionRules.parseMethods("get, head") == ["GET", "HEAD"])
        #expect(SelectionRules.parseMethods("PUT,") == ["PUT"])
        #expect(SelectionRules.parseMethods("P-T") == nil)
    }

    @Test("the time window includes since and excludes until")
    func timeWindow() {
        let rules = SelectionRules(since: 100, until: 200)
        #expect(!rules.selects(time: 99))
        #expect(rules.selects(time: 100))
        #expect(rules.selects(time: 199))
        #expect(!rules.selects(time: 200))
        #expect(rules.selects(time: nil))
    }

    @Test("GET and HEAD with 2xx or 304 are hits; other reads are not")
    func hits() {
        func isHit(_ method: String, _ status: Int?) -> Bool {
            var method = method
            return method.withUTF8 { SelectionRules.isHit(method: $0, status: status) }
        }
        #expect(isHit("GET", 200))
        #expect(isHit("HEAD", 304))
        #expect(isHit("GET", 206))
        #expect(!isHit("GET", 404))
        #expect(!isHit("PUT", 200))
        #expect(!isHit("GET", nil))
    }
}
