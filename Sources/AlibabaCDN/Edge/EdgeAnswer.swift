import Foundation

/// What a CDN edge (or the origin) answered to a `HEAD` (or a one-byte `GET`) for one URL: the headers that say how
/// old the copy is and which version it is.
package struct EdgeAnswer: Sendable, Equatable {
    package var status: Int
    /// `Age`, seconds the copy has been in the cache.
    package var age: Int?
    /// `X-Cache` (Alibaba: `HIT TCP_MEM_HIT …` or `MISS TCP_MISS …`).
    package var xCache: String?
    package var etag: String?
    package var lastModified: String?
    /// The object's full length (`Content-Length`, or the total of `Content-Range`).
    package var length: Int?
    /// `Date`: the edge's clock when it answered.
    package var date: String?
    /// `X-Swift-SaveTime` (an HTTP date): when this node stored, or last revalidated, its copy.
    package var swiftSaveTime: String?
    /// `Ali-Swift-Global-Savetime` (Unix seconds): when the CDN first stored this version; a revalidation (304)
    /// does not move it.
    package var globalSaveTime: String?
    /// `X-Swift-CacheTime`: the copy's time to live, in seconds.
    package var swiftCacheTime: String?
    /// `Via`: the hop chain, one H (hit) or M (miss) per tier.
    package var via: String?

    package init(
        status: Int, age: Int? = nil, xCache: String? = nil, etag: String? = nil, lastModified: String? = nil,
        length: Int? = nil, date: String? = nil, swiftSaveTime: String? = nil, globalSaveTime: String? = nil,
        swiftCacheTime: String? = nil, via: String? = nil
    ) {
        self.date = date
        self.swiftSaveTime = swiftSaveTime
        self.globalSaveTime = globalSaveTime
        self.swiftCacheTime = swiftCacheTime
        self.via = via
        self.status = status
        self.age = age
        self.xCache = xCache
        self.etag = etag
        self.lastModified = lastModified
        self.length = length
    }
}
