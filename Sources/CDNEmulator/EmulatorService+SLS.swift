import AlibabaCDN
import CDNRefresh
import Foundation
import Support
import Synchronization

/// Simple Log Service on the emulator's port: GetLogs (`GET /logstores/{logstore}`) and GetLogsV2
/// (`POST /logstores/{logstore}/logs`, `deflate` answers) for one project and logstore, signed with v1 or v4, answering
/// as SLS does (values as strings, `x-log-progress`, the `LIMIT` bounds, 100 rows without one).
///
/// The project is the first label of `Host` (`cdn-logs.127.0.0.1:8080`), as the SDKs send it to an IP endpoint.
extension EmulatorService {
    /// Serves a Simple Log Service request; `nil` when `request` is not one (or the emulator serves no SLS).
    package func handleSLS(_ request: EmulatorRequest) -> EmulatorReply? {
        guard let store = sls, request.path.hasPrefix("/logstores/") else { return nil }
        ledger.withLock { $0.statistics.calls["GetLogs", default: 0] += 1 }
        do throws(SLSFailure) {
            return try answer(request, store: store, at: now())
        } catch {
            let body = ["errorCode": error.code, "errorMessage": error.message]
            let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
            return EmulatorReply(
                status: error.status, headers: ["Content-Type": "application/json", "x-log-requestid": requestID()],
                body: Array(data))
        }
    }

    private func answer(_ request: EmulatorRequest, store: SLSRecordStore, at time: Date) throws(SLSFailure)
        -> EmulatorReply
    {
        let parts = request.path.split(separator: "/").map(String.init)
        let v2 = request.method.uppercased() == "POST" && parts.count == 3 && parts[2] == "logs"
        guard (v2 || (request.method.uppercased() == "GET" && parts.count == 2)) else {
            throw SLSFailure(404, "InvalidRequest", "no such API: \(request.method) \(request.path)")
        }
        let project = (request.header("host") ?? "").split(separator: ".").first.map(String.init) ?? ""
        try authenticateSLS(request, at: time)
        guard project == configuration.slsProject else {
            throw SLSFailure(404, "ProjectNotExist", "The Project does not exist : \(project)")
        }
        guard parts[1] == configuration.slsLogstore else {
            throw SLSFailure(404, "LogStoreNotExist", "logstore \(parts[1]) does not exist")
        }
        let parameters = try Self.parameters(request, v2: v2)
        let (rows, keys) = try run(parameters, store: store)
        let complete = ledger.withLock { ledger -> Bool in
            guard ledger.slsIncompleteAnswers < configuration.slsIncomplete else { return true }
            ledger.slsIncompleteAnswers += 1
            return false
        }
        let sent = complete ? rows : Array(rows.prefix(rows.count / 2))
        return Self.reply(
            sent, keys: keys, complete: complete, v2: v2, acceptEncoding: request.header("accept-encoding"))
    }

    /// GetLogs's parameters: the query string (v1 API) or the JSON body (V2).
    private static func parameters(_ request: EmulatorRequest, v2: Bool) throws(SLSFailure) -> [String: String] {
        guard v2 else {
            var parameters: [String: String] = [:]
            for pair in AlibabaPercentEncoding.parseForm(request.query) { parameters[pair.name] = pair.value }
            return parameters
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
            throw SLSFailure(400, "ParameterInvalid", "the body is not a JSON object")
        }
        return object.mapValues { SLSRecordStore.text($0) }
    }

    /// Runs the query over the window: the search part picks records, the SQL part (if any) shapes the rows.
    private func run(_ parameters: [String: String], store: SLSRecordStore) throws(SLSFailure) -> (
        [[String: String]], [String]
    ) {
        guard let from = parameters["from"].flatMap(Int64.init), let to = parameters["to"].flatMap(Int64.init) else {
            throw SLSFailure(400, "ParameterInvalid", "from and to must be Unix seconds")
        }
        let query = parameters["query"] ?? "*"
        let split = query.split(separator: "|", maxSplits: 1).map(String.init)
        do {
            let condition = try SLSSearch.parse(split.first.map { $0.isEmpty ? "*" : $0 } ?? "*")
            let statement: SLSStatement
            if split.count == 2 {
                statement = try SLSStatement.parse(split[1])
            } else {
                // No SQL: raw records, `line` of them (at most 100) from `offset`.
                let line = min(100, parameters["line"].flatMap(Int.init) ?? 100)
                statement = SLSStatement(
                    sql: "select * from log order by \"__time__\"", offset: parameters["offset"].flatMap(Int.init) ?? 0,
                    count: line)
            }
            let rows = try store.rows(
                sql: statement.sql, condition: condition, from: from, to: to, offset: statement.offset,
                count: statement.count)
            return (rows, rows.first.map { Array($0.keys).sorted() } ?? [])
        } catch let invalid as SLSSearch.Invalid {
            throw SLSFailure(400, "ParameterInvalid", invalid.message)
        } catch {
            throw SLSFailure(400, "ParameterInvalid", "the query cannot be run: \(error)")
        }
    }

    private static func reply(
        _ rows: [[String: String]], keys: [String], complete: Bool, v2: Bool, acceptEncoding: String?
    ) -> EmulatorReply {
        let progress = complete ? "Complete" : "Incomplete"
        var headers = [
            "Content-Type": "application/json", "x-log-progress": progress, "x-log-count": String(rows.count),
            "x-log-requestid": UUID().uuidString,
        ]
        var raw: [UInt8] = []
        raw.reserveCapacity(rows.count * 160)
        if v2 {
            raw += Array(#"{"meta":{"progress":"\#(progress)","count":\#(rows.count),"keys":"#.utf8)
            JSONText.appendStrings(keys, to: &raw)
            raw += Array(#"},"data":"#.utf8)
            JSONText.appendRows(rows, to: &raw)
            raw.append(UInt8(ascii: "}"))
        } else {
            JSONText.appendRows(rows, to: &raw)
        }
        guard v2, let accepted = acceptEncoding?.lowercased(), accepted.contains("deflate") || accepted.contains("gzip")
        else { return EmulatorReply(status: 200, headers: headers, body: raw) }
        headers["x-log-compresstype"] = "deflate"
        headers["x-log-bodyrawsize"] = String(raw.count)
        return EmulatorReply(status: 200, headers: headers, body: GzipWriter.compress(raw, level: 1, framing: .zlib))
    }

    private func requestID() -> String { ledger.withLock { $0.requestID() } }

}

/// An SLS error answer: `{"errorCode", "errorMessage"}` with its status.
struct SLSFailure: Error {
    var status: Int
    var code: String
    var message: String

    init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}
