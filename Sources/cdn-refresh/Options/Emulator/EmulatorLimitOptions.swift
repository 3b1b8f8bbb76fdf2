import ArgumentParser
import CDNEmulator

/// The emulator's per-domain limits: a minute's URLs per domain, the refresh queue, and a neighbour on the account
/// that spends the same limits.
struct EmulatorLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("domain-urls-per-minute"),
        help: "URLs a domain takes a minute before QuotaPerMinuteExceeded.Refresh (default: no limit).")
    var domainURLsPerMinute: Int?

    @Option(name: .customLong("minute-seconds"), help: "The length of that minute, in seconds (shorter for tests).")
    var minuteSeconds: Double = 60

    @Option(
        name: .customLong("refresh-queue"),
        help: "URLs a domain may have in unfinished refresh tasks before TooMany.Refresh (default: no limit).")
    var refreshQueue: Int?

    @Option(
        name: .customLong("neighbour"),
        help: ArgumentHelp(
            """
            Another client on the account: at the start of each minute it takes this share (0…1) of DOMAIN's \
            --domain-urls-per-minute (* for every domain), as a team sharing the account would. Repeatable.
            """, valueName: "DOMAIN=SHARE"))
    var neighbours: [String] = []

    mutating func validate() throws {
        if let domainURLsPerMinute, domainURLsPerMinute < 1 {
            throw ValidationError("'--domain-urls-per-minute' must be at least 1")
        }
        guard minuteSeconds > 0 else { throw ValidationError("'--minute-seconds' must be positive") }
        if let refreshQueue, refreshQueue < 0 { throw ValidationError("'--refresh-queue' must not be negative") }
        _ = try neighbourShares()
    }

    /// `--neighbour` values by domain.
    func neighbourShares() throws -> [String: Double] {
        var shares: [String: Double] = [:]
        for value in neighbours {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let share = Double(parts[1]), (0...1).contains(share) else {
                throw ValidationError("'--neighbour' takes DOMAIN=SHARE with a share from 0 to 1, not '\(value)'")
            }
            shares[parts[0].lowercased()] = share
        }
        return shares
    }

    /// Sets these options on `configuration`.
    func apply(to configuration: inout EmulatorConfiguration) {
        configuration.domainURLsPerMinute = domainURLsPerMinute
        configuration.minuteSeconds = minuteSeconds
        configuration.refreshQueue = refreshQueue
        configuration.neighbours = (try? neighbourShares()) ?? [:]
    }
}
