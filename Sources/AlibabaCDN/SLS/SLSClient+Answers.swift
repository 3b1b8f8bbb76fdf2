import Foundation
import NIOHTTP1
import Support

/// Reading GetLogsV2 answers and SLS's errors.
extension SLSClient {
    /// A 2xx answer as a page: its body inflated (`x-log-compresstype: deflate` or `gzip`), its `meta.progress` (or
    /// `x-log-progress`) read, its `data` rows' values as strings.
    static func page(headers: HTTPHeaders, body: [UInt8], status: Int) throws(APICallError) -> SLSPage {
        var bytes = body
        let compression = headers.first(name: "x-log-compresstype")?.lowercased() ?? ""
        if compression == "deflate" || compression == "gzip" {
            let size = headers.first(name: "x-log-bodyrawsize").flatMap(Int.init) ?? 0
            guard let inflated = GzipWriter.inflate(body, sizeHint: size) else {
                throw .unexpectedResponse(httpStatus: status, detail: "the GetLogs answer could not be inflated")
            }
            bytes = inflated
        } else if !compression.isEmpty {
            throw .unexpectedResponse(
                httpStatus: status, detail: "the GetLogs answer is compressed as \(compression), which is not asked for"
            )
        }
        guard let answer = SLSAnswerReader.read(bytes) else {
            throw .unexpectedResponse(httpStatus: status, detail: "the GetLogs answer is not JSON rows")
        }
        let progress = answer.progress ?? headers.first(name: "x-log-progress") ?? "Complete"
        return SLSPage(rows: answer.rows, complete: progress.lowercased() == "complete")
    }

    /// An error answer: SLS's `errorCode` and `errorMessage` (the secret and token never echoed back).
    static func failure(status: Int, body: [UInt8], keys: Credentials) -> APICallError {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard let code = object?["errorCode"] as? String, !code.isEmpty else {
            let text = CDNClient.redactQueries(String(decoding: body.prefix(200), as: UTF8.self))
            return .unexpectedResponse(httpStatus: status, detail: CDNClient.redact(text, keys))
        }
        let message = CDNClient.redact(object?["errorMessage"] as? String ?? "", keys)
        return .api(APIFailure(httpStatus: status, body: APIErrorBody(code: code, message: message)))
    }
}
