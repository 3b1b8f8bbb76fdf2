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

    mutating func validate() throws {
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
    }
}
