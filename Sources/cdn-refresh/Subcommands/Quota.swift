import AlibabaCDN
import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh quota`: DescribeRefreshQuota.
    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the remaining and daily refresh quota per type.")

        @OptionGroup var api: APIOptions
        @OptionGroup var json: JSONOption
        @OptionGroup var sandbox: SandboxOption
        @OptionGroup var state: StateDirectoryOption
        @OptionGroup var output: OutputOptions

        @Flag(
            help: """
                Forget the per-domain limits this state learned (of the DOMAINs named, else of every domain), without \
                calling the API.
                """)
        var forgetLimits = false

        @Argument(help: "With --forget-limits: the domains whose learned limits to forget (default: every domain).")
        var domains: [String] = []

        func validate() throws {
            if !domains.isEmpty && !forgetLimits {
                throw ValidationError("domains are named only with --forget-limits")
            }
        }

        func run() async throws {
            if forgetLimits { return try forget() }
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            let caller = APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 20)))
            let session = APISession.Options(api: api, sandbox: sandbox.sandbox)
            let result: Result<RefreshQuotaResponse, APICallError> = try await APISession.with(session, logger: logger)
            { session in
                let client = session.client
                do throws(APICallError) {
                    return .success(
                        try await caller.call(.describeRefreshQuota) { () async throws(APICallError) in
                            try await client.describeRefreshQuota()
                        })
                } catch {
                    return .failure(error)
                }
            }
            let answer: RefreshQuotaResponse
            switch result {
            case .success(let value):
                answer = value
            case .failure(let error):
                StandardError.print("cdn-refresh: DescribeRefreshQuota failed: \(error.summary)")
                throw ExitCode(.nothingDone)
            }
            var document = Document(answer)
            // Per-domain limits learned from the API's refusals: the state's, read as it is, without its lock.
            var learned: [LearnedDomainLimit]?
            do {
                if let store = try StateStore.openIfPresent(directory: state.directory) {
                    defer { store.close() }
                    learned = try store.domainLimits(at: Date())
                }
            } catch {
                StandardError.print("cdn-refresh: \(error)")
            }
            document.domainLimits = (learned ?? []).map(Document.DomainLimit.init)
            if json.json {
                StandardOutput.print(JSONText.encode(document))
            } else {
                StandardOutput.print(
                    TextTable.render(
                        header: ["type", "remaining", "daily quota"],
                        rows: document.rows.map { [$0.name, String($0.type.remaining), String($0.type.quota)] }))
                if !document.domainLimits.isEmpty {
                    StandardOutput.print("")
                    StandardOutput.print(
                        TextTable.render(
                            header: [
                                "domain", "URLs a minute (learned)", "learned at", "why", "most accepted in a minute",
                            ],
                            rows: document.domainLimits.map {
                                [
                                    $0.domain, $0.urlsPerMinute.map(String.init) ?? "none", $0.learnedAt ?? "",
                                    $0.reason, $0.provenURLs > 0 ? String($0.provenURLs) : "",
                                ]
                            }))
                }
            }
        }

        /// `--forget-limits`: empties the learned limits under the state's lock; the API is not called.
        private func forget() throws {
            do {
                let store = try StateStore(directory: state.directory, exclusive: true)
                defer { store.close() }
                let forgotten = try store.forgetDomainLimits(domains.isEmpty ? nil : domains)
                let missing = domains.filter { !forgotten.contains($0) }
                StandardError.print(
                    "cdn-refresh: forgot the learned limits of \(forgotten.count) "
                        + (forgotten.count == 1 ? "domain" : "domains")
                        + (forgotten.isEmpty ? "" : " (\(forgotten.joined(separator: ", ")))")
                        + (missing.isEmpty ? "" : "; nothing was learned of \(missing.joined(separator: ", "))"))
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                throw ExitCode(ExitStatus(error))
            }
        }

        /// The answer as `--json` prints it: remaining and daily quota per type, and the request ID.
        struct Document: Encodable {
            struct PerType: Encodable {
                var remaining: Int
                var quota: Int
            }

            var urls: PerType
            var directories: PerType
            var regex: PerType
            var ignoreparams: PerType
            var preload: PerType
            var requestID: String
            /// Per-domain limits this state learned from the API's refusals (kept a week).
            var domainLimits: [DomainLimit] = []

            /// A learned limit (`nil` when only what the domain proved is kept), when and why, and the most URLs
            /// the API accepted for the domain within one window.
            struct DomainLimit: Encodable {
                var domain: String
                var urlsPerMinute: Int?
                var learnedAt: String?
                var reason: String
                var provenURLs: Int

                enum CodingKeys: String, CodingKey {
                    case domain, reason
                    case urlsPerMinute = "urls_per_minute"
                    case learnedAt = "learned_at"
                    case provenURLs = "proven_urls"
                }

                init(_ limit: LearnedDomainLimit) {
                    domain = limit.domain
                    urlsPerMinute = limit.urlsPerMinute
                    learnedAt = limit.learnedAt.map(APITimestamp.format)
                    reason = limit.reason
                    provenURLs = limit.provenURLs
                }

                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(domain, forKey: .domain)
                    try container.encode(urlsPerMinute, forKey: .urlsPerMinute)
                    try container.encode(learnedAt, forKey: .learnedAt)
                    try container.encode(reason, forKey: .reason)
                    try container.encode(provenURLs, forKey: .provenURLs)
                }
            }

            enum CodingKeys: String, CodingKey {
                case urls, directories, regex, ignoreparams, preload
                case requestID = "request_id"
                case domainLimits = "domain_limits"
            }

            init(_ answer: RefreshQuotaResponse) {
                urls = PerType(remaining: answer.urlRemain, quota: answer.urlQuota)
                directories = PerType(remaining: answer.directoryRemain, quota: answer.directoryQuota)
                regex = PerType(remaining: answer.regexRemain, quota: answer.regexQuota)
                ignoreparams = PerType(remaining: answer.ignoreParamsRemain, quota: answer.ignoreParamsQuota)
                preload = PerType(remaining: answer.preloadRemain, quota: answer.preloadQuota)
                requestID = answer.requestID
            }

            /// The types in the table's order.
            var rows: [(name: String, type: PerType)] {
                [
                    ("urls", urls), ("directories", directories), ("regex", regex), ("ignoreparams", ignoreparams),
                    ("preload", preload),
                ]
            }
        }
    }
}
