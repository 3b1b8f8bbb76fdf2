import ArgumentParser

/// The `cdn-refresh` command: plan and submit Alibaba Cloud CDN refreshes from logs and manifests.
@main
struct CDNRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdn-refresh",
        abstract: "Refresh Alibaba Cloud CDN caches from access logs and manifests, within the daily quota.",
        discussion: """
            Reads gzipped or plain access logs (combined, alicdn, oss) or invalidation manifests, ranks the URLs, \
            trims them to the remaining quota, packs them into requests and submits them under a rate limiter. \
            Every URL gets a row in the CSV report.
            """,
        version: "0.1.0",
        subcommands: [Plan.self, Run.self, Quota.self, Tasks.self, Backlog.self, History.self, Emulator.self]
    )

    /// Sets up the process (see ``MemoryTuning``), then parses the arguments and runs the command.
    static func main() async {
        MemoryTuning.apply()
        await main(nil)
    }
}
