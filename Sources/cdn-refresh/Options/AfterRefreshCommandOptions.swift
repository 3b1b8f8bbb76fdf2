import AlibabaCDN
import ArgumentParser
import Foundation
import RefreshRunner

/// `run --prefetch …` and `run --verify …`: what happens after the refresh (DESIGN §6).
struct AfterRefreshCommandOptions: ParsableArguments {
    @Option(
        help:
            "After the tasks complete (implies --wait), push the N hottest refreshed URLs (or all) back into the caches: N|all|off."
    )
    var prefetch = "off"

    @Option(help: "Prefetch quota held back.")
    var reservePrefetch = 0

    @Option(help: "Where to prefetch: domestic or overseas (default: the API's).")
    var prefetchArea: String?

    @Option(
        help: "After the tasks complete (implies --wait), fetch N refreshed URLs (or all) through the CDN: N|all|off.")
    var verify = "off"

    @Option(help: "Origin base URL to compare ETag, Last-Modified and length with (Host keeps the CDN domain).")
    var verifyOrigin: String?

    @Option(
        name: .customLong("connect-to"),
        help:
            "For verification only: connect to ADDR:PORT when a URL names HOST:PORT (HOST:PORT:ADDR:PORT, repeatable).")
    var connectTo: [String] = []

    @Flag(help: "Refresh stale URLs once more, as Files (costs URL quota).")
    var verifyResubmit = false

    @Flag(
        name: .customLong("verify-via-proxy"),
        help: "Send the verification probes through the proxy too (by default they go direct, to see what users see).")
    var verifyViaProxy = false

    mutating func validate() throws {
        guard prefetch == "off" || SampleSize(prefetch) != nil else {
            throw ValidationError("'--prefetch' must be a positive number, 'all' or 'off'")
        }
        guard reservePrefetch >= 0 else { throw ValidationError("'--reserve-prefetch' must not be negative") }
        if let prefetchArea, prefetchArea != "domestic" && prefetchArea != "overseas" {
            throw ValidationError("'--prefetch-area' must be domestic or overseas")
        }
        guard verify == "off" || SampleSize(verify) != nil else {
            throw ValidationError("'--verify' must be a positive number, 'all' or 'off'")
        }
        for value in connectTo where ConnectTo(value) == nil {
            throw ValidationError("'--connect-to \(value)' is not HOST:PORT:ADDR:PORT")
        }
        if let verifyOrigin {
            guard let url = URLComponents(string: verifyOrigin), ["http", "https"].contains(url.scheme?.lowercased()),
                url.host?.isEmpty == false
            else { throw ValidationError("'--verify-origin' must be an http(s) URL") }
        }
    }

    /// The options, or `nil` for `--verify off`.
    func options(concurrency: Int) -> VerifyOptions? {
        SampleSize(verify).map {
            VerifyOptions(sample: $0, origin: verifyOrigin, resubmit: verifyResubmit, concurrency: concurrency)
        }
    }

    var routes: [ConnectTo] { connectTo.compactMap(ConnectTo.init) }

    /// The prefetch options, or `nil` for `--prefetch off`.
    var prefetchOptions: PrefetchOptions? {
        SampleSize(prefetch).map { PrefetchOptions(sample: $0, reserve: reservePrefetch, area: prefetchArea) }
    }
}
