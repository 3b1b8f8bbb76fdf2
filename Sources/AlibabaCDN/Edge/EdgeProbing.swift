import Foundation

/// Asks the CDN (or the origin) about one URL, read-only and without credentials.
package protocol EdgeProbing: Sendable {
    /// The edge's answer for `url`; a failure is a reason a person can read ("no answer within 30 s").
    func probe(_ url: String) async -> Result<EdgeAnswer, EdgeProbeFailure>
    /// The origin's answer for `url` (the same path and query under `base`, with the CDN domain in `Host`).
    func probeOrigin(_ url: String, base: String) async -> Result<EdgeAnswer, EdgeProbeFailure>
}
