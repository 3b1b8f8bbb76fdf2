import AlibabaCDN
import CDNRefresh
import Crypto
import Foundation
import Synchronization

extension EmulatorService {
    /// Where the emulator serves log files.
    static let logDownloadPath = "/cdn-logs/"
    /// `DescribeCdnDomainLogs`: the domain's published logs overlapping `[StartTime, EndTime)` (the last 24 hours
    /// without them), one page at a time, each with a signed download URL that expires in an hour
    /// (``EmulatorConfiguration/logURLLifetime``).
    func describeCdnDomainLogs(_ parameters: [String: String], host: String, at time: Date)
        throws(EmulatorFailure) -> [String: JSONValue]
    {
        guard let domain = parameters["DomainName"], !domain.isEmpty else { throw .missingParameter("DomainName") }
        var start = time.addingTimeInterval(-86400)
        var end = time
        if let text = parameters["StartTime"] {
            guard let parsed = APITimestamp.parse(text) else {
                throw .invalidParameter("StartTime", "use yyyy-MM-ddTHH:mm:ssZ")
            }
            start = parsed
        }
        if let text = parameters["EndTime"] {
            guard let parsed = APITimestamp.parse(text) else {
                throw .invalidParameter("EndTime", "use yyyy-MM-ddTHH:mm:ssZ")
            }
            end = parsed
        }
        guard end > start else { throw .invalidParameter("EndTime", "EndTime must be later than StartTime") }
        let pageSize = try Self.integer(parameters["PageSize"], name: "PageSize", default: 300, range: 1...1000)
        let pageNumber = try Self.integer(
            parameters["PageNumber"], name: "PageNumber", default: 1, range: 1...Int(Int32.max))
        let files = logs.files(domain: domain, start: start, end: end, now: time)
        let page = files.dropFirst((pageNumber - 1) * pageSize).prefix(pageSize)
        let expires = Int64(time.addingTimeInterval(configuration.logURLLifetime).timeIntervalSince1970.rounded(.up))
        let infos: [JSONValue] = page.map { entry in
            let name = entry.name.fileName
            let signature = logSignature(name: name, expires: expires)
            let path =
                "\(configuration.tls == nil ? "http" : "https")://\(host)\(Self.logDownloadPath)\(name)"
                + "?OSSAccessKeyId=\(configuration.accessKeyID)"
                + "&Expires=\(expires)&Signature=\(AlibabaPercentEncoding.encode(signature))"
            return .object([
                "LogName": .string(name), "LogPath": .string(path), "LogSize": .number(Int(entry.size)),
                "StartTime": .string(APITimestamp.format(entry.name.start)),
                "EndTime": .string(APITimestamp.format(entry.name.end)),
            ])
        }
        return [
            "DomainLogDetails": .object([
                "DomainLogDetail": .array([
                    .object([
                        "DomainName": .string(domain), "LogCount": .number(page.count),
                        "LogInfos": .object(["LogInfoDetail": .array(infos)]),
                        "PageInfos": .object([
                            "PageIndex": .number(pageNumber), "PageSize": .number(pageSize),
                            "Total": .number(files.count),
                        ]),
                    ])
                ])
            ])
        ]
    }

    /// Answers a download of a published log.
    ///
    /// 403 without a valid signature or after it expired, 404 for a file the catalog does not have. Every download
    /// served is counted by name.
    func logDownload(_ request: EmulatorRequest, at time: Date) -> EmulatorReply {
        let name = String(request.path.dropFirst(Self.logDownloadPath.count))
        var parameters: [String: String] = [:]
        for pair in AlibabaPercentEncoding.parseForm(request.query) { parameters[pair.name] = pair.value }
        guard let expiresText = parameters["Expires"], let expires = Int64(expiresText),
            parameters["OSSAccessKeyId"] == configuration.accessKeyID,
            parameters["Signature"] == logSignature(name: name, expires: expires)
        else {
            return Self.ossError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.")
        }
        guard Double(expires) > time.timeIntervalSince1970 else {
            return Self.ossError(403, "AccessDenied", "Request has expired.")
        }
        guard let bytes = logs.contents(of: name) else {
            return Self.ossError(404, "NoSuchKey", "The specified key does not exist.")
        }
        let failed = ledger.withLock { ledger -> Bool in
            guard ledger.statistics.failedLogDownloads < configuration.failLogDownloads else { return false }
            ledger.statistics.failedLogDownloads += 1
            return true
        }
        if failed { return Self.ossError(503, "ServiceUnavailable", "Please try again later.") }
        ledger.withLock { $0.statistics.logDownloads.append(name) }
        var reply = EmulatorReply(
            status: 200, headers: ["Content-Type": "application/x-gzip", "Content-Length": String(bytes.count)],
            body: request.method.uppercased() == "HEAD" ? [] : bytes)
        reply.cutAfter = configuration.cutLogDownloadsAfterBytes
        reply.stallAfter = configuration.stallLogDownloadsAfterBytes
        reply.trickleEvery = configuration.trickle(of: name)
        return reply
    }

    /// The signature of a download URL (the emulator's stand-in for OSS's).
    private func logSignature(name: String, expires: Int64) -> String {
        let key = SymmetricKey(data: Array(configuration.accessKeySecret.utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array("GET\n\(expires)\n/\(name)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    private static func ossError(_ status: Int, _ code: String, _ message: String) -> EmulatorReply {
        let body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message></Error>\n"
        return EmulatorReply(status: status, headers: ["Content-Type": "application/xml"], body: Array(body.utf8))
    }
}
