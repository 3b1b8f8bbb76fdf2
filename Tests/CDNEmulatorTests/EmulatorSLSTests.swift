import AlibabaCDN
import Foundation
import Support
import TestSupport
import Testing

@testable import CDNEmulator

/// The emulator's Simple Log Service: the search and SQL parts run on SQLite, signatures and bounds checked.
@Suite("Emulator: Simple Log Service")
struct EmulatorSLSTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_796_558_400))

    /// 150 records of the hour before the clock: 50 URLs, each read twice and failing once with 502.
    func service(incomplete: Int = 0) throws -> EmulatorService {
        let end = Int64(clock.now().timeIntervalSince1970)
        let records = (0..<150).map { index -> [String: Any] in
            var record: [String: Any] = ["domain": "www.example.com", "scheme": "https"]
            record["__time__"] = end - 3000 + Int64(index)
            record["method"] = index % 3 == 0 ? "GET" : "HEAD"
            record["uri"] = "/p/\(index % 50).png"
            record["uri_param"] = index % 50 == 7 ? "v=2" : "-"
            record["return_code"] = index < 50 ? "502" : "200"
            return record
        }
        let path = NSTemporaryDirectory() + "sls-\(UUID().uuidString).jsonl"
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = EmulatorConfiguration()
        configuration.slsRecordsPath = path
        configuration.slsIncomplete = incomplete
        return EmulatorService(configuration: configuration, now: { self.clock.now() })
    }

    /// A signed GetLogsV2 request for `query`.
    func request(
        _ query: String, signature: SLSSignature = .v4, project: String = "cdn-logs", logstore: String = "cdn-access",
        secret: String = EmulatorConfiguration.sandboxAccessKeySecret
    ) -> EmulatorRequest {
        let end = Int64(clock.now().timeIntervalSince1970)
        let body = Array(
            (try? JSONSerialization.data(withJSONObject: ["from": end - 3600, "to": end, "query": query, "line": 100]))
                ?? Data())
        var signed = SLSRequest(
            method: "POST", resource: "/logstores/\(logstore)/logs",
            headers: [
                "content-type": "application/json", "host": "\(project).127.0.0.1:8080", "x-log-apiversion": "0.6.0",
                "x-log-bodyrawsize": String(body.count), "accept-encoding": "deflate",
            ], body: body)
        signature.sign(
            &signed,
            credentials: Credentials(
                accessKeyID: EmulatorConfiguration.sandboxAccessKeyID, accessKeySecret: secret, origin: "test"),
            region: "cn-hangzhou", date: clock.now())
        return EmulatorRequest(
            method: "POST", path: signed.resource, query: "", headers: signed.headers.map { ($0.key, $0.value) },
            body: body)
    }

    /// The answer's status, rows and progress.
    func answer(_ service: EmulatorService, _ request: EmulatorRequest) throws -> (Int, [[String: String]], String) {
        let reply = try #require(service.handleSLS(request))
        let body = reply.headers["x-log-compresstype"] == "deflate" ? GzipWriter.inflate(reply.body) ?? [] : reply.body
        let object = try JSONSerialization.jsonObject(with: Data(body))
        let rows = ((object as? [String: Any])?["data"] as? [[String: String]]) ?? []
        let code = (object as? [String: Any])?["errorCode"] as? String ?? reply.headers["x-log-progress"] ?? ""
        return (reply.status, rows, code)
    }

    @Test("the tool's own query: filtered by the search part, grouped and counted by SQL, paged, values as strings")
    func toolQuery() throws {
        let service = try service()
        let query = try SLSQuery(
            purpose: .candidates(methods: ["GET", "HEAD"], statuses: [500...599]), keepQuery: true)
        for signature in SLSSignature.allCases {
            let (status, rows, progress) = try answer(
                service, request(query.text(offset: 0, count: 10), signature: signature))
            #expect(status == 200 && progress == "Complete")
            #expect(rows.count == 10)
            #expect(
                rows[0] == [
                    "scheme": "https", "domain": "www.example.com", "uri": "/p/0.png", "uri_param": "-",
                    "hits": "1", "changed": String(Int64(clock.now().timeIntervalSince1970) - 3000),
                ])
        }
        let (_, last, _) = try answer(service, request(query.text(offset: 40, count: 10_000)))
        #expect(last.count == 10)
        let (_, reads, _) = try answer(
            service, request(SLSQuery(purpose: .hits, keepQuery: false).text(offset: 0, count: 100)))
        #expect(reads.count == 50 && reads.allSatisfy { $0["hits"] == "2" })
    }

    @Test("a plain select with count(*), group by, order by and limit; 100 rows without a LIMIT")
    func plainSelect() throws {
        let service = try service()
        let (_, grouped, _) = try answer(
            service, request("* | select return_code, count(*) as pv group by return_code order by pv desc limit 5"))
        #expect(grouped == [["return_code": "200", "pv": "100"], ["return_code": "502", "pv": "50"]])
        let (_, all, _) = try answer(service, request("* | select uri, method"))
        #expect(all.count == 100)
        let (_, raw, _) = try answer(service, request("return_code >= 500 and not method: HEAD"))
        #expect(raw.count == 17 && raw.allSatisfy { $0["return_code"] == "502" && $0["method"] == "GET" })
    }

    @Test(
        "refusals as SLS answers them",
        arguments: [
            ("* | select uri limit 999995, 10", "cdn-logs", "cdn-access", 400, "ParameterInvalid"),
            ("* | select uri limit 2000000", "cdn-logs", "cdn-access", 400, "ParameterInvalid"),
            ("* | select uri limit 0, 20000", "cdn-logs", "cdn-access", 400, "ParameterInvalid"),
            ("* | drop table records", "cdn-logs", "cdn-access", 400, "ParameterInvalid"),
            ("nosuchfield: 1 | select uri", "cdn-logs", "cdn-access", 400, "ParameterInvalid"),
            ("*", "other", "cdn-access", 404, "ProjectNotExist"),
            ("*", "cdn-logs", "other", 404, "LogStoreNotExist"),
        ])
    func refusals(query: String, project: String, logstore: String, status: Int, code: String) throws {
        let (answered, _, error) = try answer(try service(), request(query, project: project, logstore: logstore))
        #expect(answered == status && error == code)
    }

    @Test("a wrong secret is SignatureNotMatch, in both versions")
    func signatures() throws {
        let service = try service()
        for signature in SLSSignature.allCases {
            let (status, _, code) = try answer(service, request("*", signature: signature, secret: "wrong"))
            #expect(status == 401 && code == "SignatureNotMatch")
        }
    }

    @Test("--sls-incomplete: the first answers say Incomplete, with part of their rows")
    func incomplete() throws {
        let service = try service(incomplete: 2)
        let query = "* | select uri, count(*) as n group by uri order by uri limit 0, 50"
        #expect(try answer(service, request(query)).2 == "Incomplete")
        #expect(try answer(service, request(query)).1.count == 25)
        #expect(try answer(service, request(query)).2 == "Complete")
    }
}
