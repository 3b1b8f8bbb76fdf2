import AlibabaCDN
import ArgumentParser
import Foundation
import RefreshRunner

/// `run --verify …`: checking through the CDN that refreshed URLs are served fresh (DESIGN §6).
struct VerifyCommandOptions: ParsableArguments {
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

    mutating func validate() throws {
        guard verify == "off" || VerifyOptions.Sample(verify) != nil else {
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
        VerifyOptions.Sample(verify).map {
            VerifyOptions(sample: $0, origin: verifyOrigin, resubmit: verifyResubmit, concurrency: concurrency)
        }
    }

    var routes: [ConnectTo] { connectTo.compactMap(ConnectTo.init) }
}
