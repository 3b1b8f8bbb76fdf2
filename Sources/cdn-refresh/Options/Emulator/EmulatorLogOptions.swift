import ArgumentParser
import CDNEmulator
import Foundation

/// The CDN offline logs the emulator lists and serves, and the faults of their downloads.
struct EmulatorLogOptions: ParsableArguments {
    @Option(
        name: .customLong("cdn-logs"),
        help: """
            A directory of CDN offline logs named as Alibaba names them (<domain>_YYYY_MM_DD_HHMMSS_HHMMSS.gz, \
            UTC+8): DescribeCdnDomainLogs lists them and the emulator serves them.
            """)
    var cdnLogs: String?

    @Flag(
        name: .customLong("synthetic-cdn-logs"),
        help: "Also publish a made-up hourly log of edge traffic for any domain, an hour after each hour ends.")
    var syntheticCDNLogs = false

    @Option(
        name: .customLong("cut-log-downloads-after"),
        help: ArgumentHelp("Cut every log download off after this many bytes (fault tests).", visibility: .hidden))
    var cutLogDownloadsAfter: Int?

    @Option(
        name: .customLong("cdn-log-trickle"),
        help: ArgumentHelp(
            "Send log downloads one byte every SECONDS (NAME=SECONDS: only that file); repeatable (fault tests).",
            valueName: "[NAME=]SECONDS", visibility: .hidden))
    var trickle: [String] = []

    @Option(
        name: .customLong("cdn-log-expires"),
        help: "Seconds a log's signed download URL stays valid (OSS: 3600).")
    var logURLLifetime: Double = 3600

    @Option(
        name: .customLong("cdn-list-delay"),
        help: ArgumentHelp("Seconds DescribeCdnDomainLogs takes to answer (fault tests).", visibility: .hidden))
    var listingDelay: Double = 0

    /// `--cdn-log-trickle` values by file name (`*`: every file).
    func trickles() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for value in trickle {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            guard let seconds = Double(parts.last ?? ""), seconds > 0 else {
                throw ValidationError("'--cdn-log-trickle' takes [NAME=]SECONDS with positive seconds, not '\(value)'")
            }
            result[parts.count == 2 ? parts[0] : "*"] = seconds
        }
        return result
    }

    mutating func validate() throws {
        _ = try trickles()
        guard logURLLifetime > 0 else { throw ValidationError("'--cdn-log-expires' must be positive") }
        guard listingDelay >= 0 else { throw ValidationError("'--cdn-list-delay' must not be negative") }
        if let cdnLogs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: cdnLogs, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw ValidationError("'--cdn-logs' must be an existing directory") }
        }
    }

    /// Sets these options on `configuration`.
    func apply(to configuration: inout EmulatorConfiguration) {
        configuration.cdnLogsDirectory = cdnLogs
        configuration.syntheticLogs = syntheticCDNLogs
        configuration.cutLogDownloadsAfterBytes = cutLogDownloadsAfter
        configuration.trickleLogDownloads = (try? trickles()) ?? [:]
        configuration.logURLLifetime = logURLLifetime
        configuration.listingDelay = listingDelay
    }
}
