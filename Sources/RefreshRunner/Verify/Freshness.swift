import AlibabaCDN

/// Whether the CDN serves a refreshed URL's new copy (DESIGN §6, verify).
package enum Freshness: String, Sendable, Equatable {
    case fresh, stale, unknown
}
