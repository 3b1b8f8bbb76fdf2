import AlibabaCDN
import Crypto
import Foundation
import Synchronization

/// The emulator as the CDN's edge (`--edge-origin`): `GET`/`HEAD` for the refreshed domains, answered from a cache
/// that is filled from the origin on a miss, dated as Alibaba's nodes date it (`X-Swift-SaveTime`,
/// `Ali-Swift-Global-Savetime`, `X-Cache: HIT TCP_MEM_HIT …`) or, in the generic style, with `Age` and
/// `X-Cache: HIT|MISS`.
///
/// Refreshes act on it when their task completes, as on a real edge: a File refresh evicts the object; Directory,
/// IgnoreParams and Regex refreshes expire what they cover (the next request goes to the origin); a
/// `PushObjectCache` task fills the cache. An expired object is revalidated on its next request: unchanged at the
/// origin it is a `TCP_REFRESH_HIT` that keeps its first save time, changed a `TCP_REFRESH_MISS`. The origin is a
/// directory (`DIR/path`, or `DIR/host/path`) or a base URL. `keepsStale` names objects whose refreshes this edge ignores (a node that missed the purge), for tests.
package final class EmulatorEdge: Sendable {
    /// Where objects come from.
    package enum Origin: Sendable, Equatable {
        case directory(String)
        case url(String)
        /// Every object exists; its body names it (the sandbox).
        case synthetic

        /// `http(s)://…` is a URL; anything else a directory.
        package init(_ text: String) {
            let lowered = text.lowercased()
            self = lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? .url(text) : .directory(text)
        }
    }

    /// One cached object.
    struct CachedObject: Sendable {
        var body: [UInt8]
        var etag: String
        var lastModified: String
        var contentType: String
        /// When this node stored (or last revalidated) it: `X-Swift-SaveTime`, and what `Age` counts from.
        var cachedAt: Date
        /// When the CDN first stored this version: `Ali-Swift-Global-Savetime` (a revalidation keeps it).
        var firstStoredAt: Date
        /// Expired by a Directory, IgnoreParams or Regex refresh: the next request revalidates with the origin.
        var expired = false
    }

    let origin: Origin
    let keepsStale: Set<String>
    let style: EmulatorConfiguration.EdgeStyle
    let fetcher: @Sendable (Origin, String, String) async -> OriginObject?
    private let state = Mutex(State())

    private struct State {
        var cache: [String: CachedObject] = [:]
        /// Tasks of the ledger already applied (they complete in the order they were created).
        var applied = 0
    }

    /// What the origin answered for one object.
    package struct OriginObject: Sendable {
        package var body: [UInt8]
        package var etag: String?
        package var lastModified: String?
        package var contentType: String?

        package init(body: [UInt8], etag: String? = nil, lastModified: String? = nil, contentType: String? = nil) {
            self.body = body
            self.etag = etag
            self.lastModified = lastModified
            self.contentType = contentType
        }
    }

    /// - Parameter fetcher: reads an object of a URL origin (`origin`, host, path with query); directories are
    ///   read here.
    package init(
        origin: Origin, keepsStale: Set<String> = [], style: EmulatorConfiguration.EdgeStyle = .alibaba,
        fetcher: @escaping @Sendable (Origin, String, String) async -> OriginObject? = { _, _, _ in nil }
    ) {
        self.origin = origin
        self.keepsStale = keepsStale
        self.style = style
        self.fetcher = fetcher
    }

    /// Whether `request` is for the edge rather than the API: a `GET`/`HEAD` that is not an API call.
    static func isEdgeRequest(_ request: EmulatorRequest) -> Bool {
        let method = request.method.uppercased()
        guard method == "GET" || method == "HEAD" else { return false }
        if request.path.hasPrefix("/latest/") || request.path == EmulatorService.credentialsURIPath { return false }
        if request.header("x-acs-action") != nil { return false }
        return !AlibabaPercentEncoding.parseForm(request.query).contains { $0.name == "Action" }
    }

    /// How the edge came by the copy it answers with (Alibaba's `X-Cache` codes).
    enum Lookup: String {
        /// In the cache, unexpired.
        case hit = "TCP_MEM_HIT"
        /// Not in the cache: fetched from the origin now.
        case miss = "TCP_MISS"
        /// Expired, revalidated with the origin, unchanged there.
        case refreshHit = "TCP_REFRESH_HIT"
        /// Expired, and changed at the origin: fetched now.
        case refreshMiss = "TCP_REFRESH_MISS"

        var isHit: Bool { self == .hit || self == .refreshHit }
    }

    /// Answers an edge request at `time`, after applying the refresh and prefetch tasks completed by then.
    func respond(to request: EmulatorRequest, service: EmulatorService, at time: Date) async -> EmulatorReply {
        await apply(service.completedTasks(after: state.withLock { $0.applied }, at: time), at: time)
        let host = (request.header("host") ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        let target = request.path + (request.query.isEmpty ? "" : "?" + request.query)
        let key = host + target
        guard let (object, lookup) = await lookUp(key, host: host, target: target, at: time) else {
            return EmulatorReply(
                status: 404, headers: style == .alibaba ? ["X-Cache": "MISS TCP_MISS dirn:-2:-2"] : ["X-Cache": "MISS"],
                body: Array("Not Found".utf8))
        }
        var headers = [
            "X-Cache": lookup.isHit ? "HIT" : "MISS", "ETag": object.etag, "Last-Modified": object.lastModified,
            "Content-Type": object.contentType, "Accept-Ranges": "bytes", "Date": Self.httpDate(time),
        ]
        headers.merge(cacheHeaders(object, lookup: lookup, at: time)) { $1 }
        var body = object.body
        var code = 200
        if let range = request.header("range"), range.hasPrefix("bytes=0-"), !body.isEmpty {
            let end = min(body.count - 1, Int(range.dropFirst("bytes=0-".count)) ?? body.count - 1)
            headers["Content-Range"] = "bytes 0-\(end)/\(body.count)"
            body = Array(body[0...end])
            code = 206
        }
        headers["Content-Length"] = String(body.count)
        return EmulatorReply(status: code, headers: headers, body: request.method.uppercased() == "HEAD" ? [] : body)
    }

    /// The headers that date the copy: `Age` (generic), or Alibaba's `X-Cache` codes, `X-Swift-SaveTime`,
    /// `X-Swift-CacheTime`, `Ali-Swift-Global-Savetime` and `Via` (one H/M per tier), and no `Age`.
    private func cacheHeaders(_ object: CachedObject, lookup: Lookup, at time: Date) -> [String: String] {
        switch style {
        case .generic:
            return ["Age": String(max(0, Int(time.timeIntervalSince(object.cachedAt))))]
        case .alibaba:
            let flag = lookup.isHit ? "H" : "M"
            let status = lookup == .refreshHit ? "304" : "200"
            return [
                "X-Cache": lookup.isHit
                    ? "HIT \(lookup.rawValue) dirn:12:57850580" : "MISS \(lookup.rawValue) dirn:-2:-2",
                "X-Swift-SaveTime": Self.httpDate(object.cachedAt),
                "X-Swift-CacheTime": String(max(0, 3600 - Int(time.timeIntervalSince(object.cachedAt)))),
                "Ali-Swift-Global-Savetime": String(Int64(object.firstStoredAt.timeIntervalSince1970)),
                "Via": "cache13.l2cn1808[0,0,\(status)-0,\(flag)], cache2.cn1234[0,0,200-0,\(flag)]",
                "EagleId": "7f000001" + String(Int64(time.timeIntervalSince1970 * 1000)) + "0001e",
            ]
        }
    }

    /// The copy to answer with, fetched or revalidated as needed; `nil` when the origin has no such object.
    private func lookUp(_ key: String, host: String, target: String, at time: Date) async
        -> (CachedObject, Lookup)?
    {
        let cached = state.withLock { $0.cache[key] }
        if let cached, !cached.expired { return (cached, .hit) }
        guard var fetched = await fetch(host: host, target: target, at: time) else { return nil }
        var lookup = Lookup.miss
        if let cached {
            // A revalidation: an unchanged object keeps the CDN's first save time (a 304 does not bump it).
            if cached.etag == fetched.etag {
                fetched = cached
                fetched.cachedAt = time
                fetched.expired = false
                lookup = .refreshHit
            } else {
                lookup = .refreshMiss
            }
        }
        let stored = fetched
        state.withLock { $0.cache[key] = stored }
        return (stored, lookup)
    }

    /// Applies completed tasks in order: evictions and expiries, then prefetch fills.
    private func apply(_ tasks: (items: [EmulatorLedger.TaskItem], through: Int), at time: Date) async {
        var fills: [(host: String, target: String)] = []
        state.withLock { state in
            guard tasks.through > state.applied else { return }
            state.applied = tasks.through
            for task in tasks.items {
                guard let (host, target) = Self.split(task.objectPath) else { continue }
                let key = host + target
                if keepsStale.contains(task.objectPath) || keepsStale.contains(key) { continue }
                switch task.objectType {
                case "file":
                    state.cache[key] = nil
                case "directory":
                    for cached in state.cache.keys where cached.hasPrefix(key) { state.cache[cached]?.expired = true }
                case "ignoreparams":
                    for cached in state.cache.keys where cached == key || cached.hasPrefix(key + "?") {
                        state.cache[cached]?.expired = true
                    }
                case "regex":
                    let pattern = try? NSRegularExpression(pattern: task.objectPath)
                    for cached in state.cache.keys {
                        let url = "https://" + cached
                        let range = NSRange(url.startIndex..., in: url)
                        if pattern?.firstMatch(in: url, range: range) != nil { state.cache[cached]?.expired = true }
                    }
                case "preload":
                    fills.append((host, target))
                default:
                    break
                }
            }
        }
        for fill in fills {
            guard let object = await fetch(host: fill.host, target: fill.target, at: time) else { continue }
            state.withLock { $0.cache[fill.host + fill.target] = object }
        }
    }

    /// `host` and `path?query` of a URL.
    static func split(_ url: String) -> (host: String, target: String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<slash].split(separator: ":").first.map { $0.lowercased() } ?? ""
        let target = rest[slash...]
        return (host, target.isEmpty ? "/" : String(target))
    }

    private func fetch(host: String, target: String, at time: Date) async -> CachedObject? {
        let found: OriginObject?
        switch origin {
        case .url:
            found = await fetcher(origin, host, target)
        case .directory(let root):
            found = Self.read(root: root, host: host, target: target)
        case .synthetic:
            found = OriginObject(body: Array("sandbox object \(host)\(target)\n".utf8), contentType: "text/plain")
        }
        guard let found else { return nil }
        let etag =
            found.etag ?? "\"" + SHA256.hash(data: found.body).prefix(8).map { String(format: "%02x", $0) }.joined()
            + "\""
        return CachedObject(
            body: found.body, etag: etag, lastModified: found.lastModified ?? Self.httpDate(time),
            contentType: found.contentType ?? "application/octet-stream", cachedAt: time, firstStoredAt: time)
    }
}

extension EmulatorService {
    /// The tasks created after the first `index` whose work is complete at `time`, in creation order, and how many
    /// tasks are complete in all (tasks complete in the order they were created).
    func completedTasks(after index: Int, at time: Date) -> (items: [EmulatorLedger.TaskItem], through: Int) {
        ledger.withLock { ledger in
            var through = index
            while through < ledger.tasks.count, status(of: ledger.tasks[through], at: time).status == .complete {
                through += 1
            }
            return (Array(ledger.tasks[min(index, through)..<through]), through)
        }
    }
}
