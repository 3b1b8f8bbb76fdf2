import ArgumentParser
import CDNEmulator
import Foundation

/// The Simple Log Service the emulator serves on its port: a project and logstore of real-time log records.
struct EmulatorSLSOptions: ParsableArguments {
    @Option(
        name: .customLong("sls-records"),
        help: """
            Real-time log records (JSON lines with the documented fields: __time__ or unixtime, domain, method, \\
            scheme, uri, uri_param, return_code …) that GetLogs and GetLogsV2 query, SQL run on SQLite.
            """)
    var records: String?

    @Option(name: .customLong("sls-project"), help: "The SLS project it serves (the first label of Host).")
    var project = "cdn-logs"

    @Option(name: .customLong("sls-logstore"), help: "The SLS logstore it serves.")
    var logstore = "cdn-access"

    @Option(
        name: .customLong("sls-incomplete"),
        help: ArgumentHelp("Answer this many GetLogs calls Incomplete first (fault tests).", visibility: .hidden))
    var incomplete = 0

    mutating func validate() throws {
        if let records, !FileManager.default.isReadableFile(atPath: records) {
            throw ValidationError("'--sls-records' must be a readable file of JSON lines")
        }
        guard incomplete >= 0 else { throw ValidationError("'--sls-incomplete' must not be negative") }
    }

    /// Sets these options on `configuration`.
    func apply(to configuration: inout EmulatorConfiguration) {
        configuration.slsRecordsPath = records
        configuration.slsProject = project
        configuration.slsLogstore = logstore
        configuration.slsIncomplete = incomplete
    }
}
