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

/// Asks the CDN (or the origin) about one URL, read-only and without credentials.
package protocol EdgeProbing: Sendable {
    /// The edge's answer for `url`; a failure is a reason a person can read ("no answer within 30 s").
    func probe(_ url: String) async -> Result<EdgeAnswer, EdgeProbeFailure>
    /// The origin's answer for `url` (the same path and query under `base`, with the CDN domain in `Host`).
    func probeOrigin(_ url: String, base: String) async -> Result<EdgeAnswer, EdgeProbeFailure>
}

/// Why a probe got no answer.
package struct EdgeProbeFailure: Error, Sendable, Equatable {
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }
}

/// `--connect-to HOST:PORT:ADDR:PORT`, for verification only.
///
/// Connect to `ADDR:PORT` when a URL names `HOST:PORT` (as curl's option). TLS still checks the certificate of
/// `HOST`.
package struct ConnectTo: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var address: String
    package var addressPort: Int

    package init(host: String, port: Int, address: String, addressPort: Int) {
        self.host = host
        self.port = port
        self.address = address
        self.addressPort = addressPort
    }

    /// Parses `HOST:PORT:ADDR:PORT` (an IPv6 address in brackets); `nil` when it is not one.
    package init?(_ text: String) {
        var parts: [String] = []
        var current = ""
        var bracketed = false
        for character in text {
            if character == "[" { bracketed = true } else if character == "]" { bracketed = false }
            if character == ":" && !bracketed {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        guard parts.count == 4, !parts[0].isEmpty, !parts[2].isEmpty, let port = Int(parts[1]),
            let addressPort = Int(parts[3]), (1...65535).contains(port), (1...65535).contains(addressPort)
        else { return nil }
        self.init(
            host: parts[0].lowercased(), port: port,
            address: parts[2].trimmingCharacters(in: ["[", "]"]), addressPort: addressPort)
    }
}
