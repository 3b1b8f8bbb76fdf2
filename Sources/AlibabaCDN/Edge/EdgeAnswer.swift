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

    package init(
        status: Int, age: Int? = nil, xCache: String? = nil, etag: String? = nil, lastModified: String? = nil,
        length: Int? = nil
    ) {
        self.status = status
        self.age = age
        self.xCache = xCache
        self.etag = etag
        self.lastModified = lastModified
        self.length = length
    }
}
