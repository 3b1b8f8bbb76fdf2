import AlibabaCDN
import ArgumentParser
import Foundation
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh quota`: DescribeRefreshQuota.
    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the remaining and daily refresh quota per type.")

        @OptionGroup var api: APIOptions
        @Flag(help: "Print JSON for scripts instead of a table.")
        var json = false
        @Flag(help: "Ask the built-in emulator (throwaway credentials) instead of Alibaba Cloud.")
        var sandbox = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            let session = try await APISession.open(api, sandbox: sandbox, logger: logger)
            let client = session.client
            let caller = APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 20)))
            let answer: RefreshQuotaResponse
            do {
                answer = try await caller.call(.describeRefreshQuota) { () async throws(APICallError) in
                    try await client.describeRefreshQuota()
                }
            } catch {
                await session.close()
                StandardError.print("cdn-refresh: DescribeRefreshQuota failed: \(error.summary)")
                throw ExitCodes.nothingDone
            }
            await session.close()
            let rows: [(String, Int, Int)] = [
                ("urls", answer.urlRemain, answer.urlQuota),
                ("directories", answer.directoryRemain, answer.directoryQuota),
                ("regex", answer.regexRemain, answer.regexQuota),
                ("ignoreparams", answer.ignoreParamsRemain, answer.ignoreParamsQuota),
                ("preload", answer.preloadRemain, answer.preloadQuota),
            ]
            if json {
                let members = rows.map { "\"\($0.0)\":{\"remaining\":\($0.1),\"quota\":\($0.2)}" }
                StandardOutput.print("{" + members.joined(separator: ",") + ",\"request_id\":\"\(answer.requestID)\"}")
            } else {
                StandardOutput.print(
                    TextTable.render(
                        header: ["type", "remaining", "daily quota"],
                        rows: rows.map {
                            [$0.0, String($0.1), String($0.2)]
                        }))
            }
        }
    }
}
