import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Support

/// Where the edge's objects come from: a directory, or a base URL.
extension EmulatorEdge {
    /// `root/path` or `root/host/path` (the query is ignored); `index.html` for a directory path.
    static func read(root: String, host: String, target: String) -> OriginObject? {
        let path = String(target.prefix { $0 != "?" })
        let decoded = path.removingPercentEncoding ?? path
        guard !decoded.split(separator: "/").contains("..") else { return nil }
        let name = decoded.hasSuffix("/") ? decoded + "index.html" : decoded
        for candidate in [root + name, root + "/" + host + name] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: candidate)
            else { continue }
            let modified = (try? FileManager.default.attributesOfItem(atPath: candidate)[.modificationDate]) as? Date
            return OriginObject(body: Array(data), lastModified: modified.map(httpDate))
        }
        return nil
    }

    static func httpDate(_ date: Date) -> String {
        FixedDate.string(date, FixedDate.http)
    }
}

extension EmulatorEdge {
    /// Reads `host` + `target` from a URL origin: `origin` + `target`, with the CDN domain as `Host`.
    @Sendable static func fetchFromURL(_ origin: Origin, host: String, target: String) async -> OriginObject? {
        guard case .url(let base) = origin else { return nil }
        var request = HTTPClientRequest(url: base.trimmingSuffix("/") + target)
        request.headers.add(name: "Host", value: host)
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)),
            response.status.code == 200,
            let body = try? await response.body.collect(upTo: 64 << 20)
        else { return nil }
        return OriginObject(
            body: Array(buffer: body), etag: response.headers.first(name: "ETag"),
            lastModified: response.headers.first(name: "Last-Modified"),
            contentType: response.headers.first(name: "Content-Type"))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
