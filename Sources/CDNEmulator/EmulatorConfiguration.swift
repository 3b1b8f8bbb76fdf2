import AlibabaCDN

/// How the emulator behaves (DESIGN §8; `cdn-refresh emulator` options).
package struct EmulatorConfiguration: Sendable, Equatable {
    /// The fixed credentials of the sandbox, printed by `cdn-refresh emulator` and used by `run --sandbox`.
    package static let sandboxAccessKeyID = "LTAIsandbox0000000000000"
    package static let sandboxAccessKeySecret = "sandbox-secret-not-for-production"

    package var host: String
    /// 0 picks a free port.
    package var port: Int
    package var accessKeyID: String
    package var accessKeySecret: String
    /// Daily quotas (reset at 00:00 UTC+8).
    package var urlQuota: Int
    package var directoryQuota: Int
    package var regexQuota: Int
    package var ignoreParamsQuota: Int
    package var preloadQuota: Int
    /// Calls per second for RefreshObjectCaches and PushObjectCache (other actions keep Alibaba's own limits).
    package var qps: Int
    /// Added before every answer.
    package var latencyMilliseconds: Int
    /// Share of calls answered 503 before anything is accepted.
    package var errorRate: Double
    /// Share of calls accepted and then dropped without an answer.
    package var dropRate: Double
    /// Seconds until a task is `Complete`.
    package var completeAfterSeconds: Double
    /// Seed of the fault injection.
    package var seed: UInt64
    /// The largest request body accepted.
    package var maxBodyBytes: Int
    /// Lifetime of the temporary credentials its STS, metadata service and credentials URI issue.
    package var stsTokenSeconds: Double = 3600
    /// The RAM role its ECS metadata service says is attached; `nil`: none (404, as on an instance without one).
    package var ecsRoleName: String? = "cdn-refresh-sandbox-role"
    /// Whether its metadata service answers only with an IMDSv2 session token (as a hardened instance does).
    package var imdsTokenRequired = true
    /// The OIDC token `AssumeRoleWithOIDC` accepts; `nil`: any non-empty token.
    package var oidcToken: String?
    /// With an origin (a base URL or a directory), it also answers `GET`/`HEAD` as the CDN's edge
    /// (``EmulatorEdge``).
    package var edgeOrigin: String?
    /// An edge whose origin makes up every object (`run --sandbox --verify`: no origin to configure).
    package var syntheticEdge = false
    /// URLs (or `host/path`) whose refreshes the edge ignores, as a node that missed the purge would (tests).
    package var edgeKeepsStale: Set<String> = []
    /// Seconds the edge takes to answer (tests of a slow edge).
    package var edgeDelay: Double = 0
    /// URLs (File and IgnoreParams) one domain takes per window (`--domain-urls-per-minute`; `nil`: no limit).
    ///
    /// A request that would pass it is refused whole with `QuotaPerMinuteExceeded.Refresh`, as Alibaba does.
    package var domainURLsPerMinute: Int?
    /// The window of ``domainURLsPerMinute``, in seconds (`--minute-seconds`: 60; shorter only for tests).
    package var minuteSeconds: Double = 60
    /// Another client on the same account (`--neighbour DOMAIN=SHARE`, `*` for every domain).
    ///
    /// At the start of each window it takes that share (0…1) of ``domainURLsPerMinute`` of the domain, as far as
    /// there is room, as a team sharing the account would. Tests and benchmarks of contention.
    package var neighbours: [String: Double] = [:]
    /// A domain with more URLs than this in unfinished refresh tasks answers `TooMany.Refresh` (`--refresh-queue`).
    package var refreshQueue: Int?
    /// A directory of CDN offline logs (`--cdn-logs`), named `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS.gz`, that
    /// `DescribeCdnDomainLogs` lists and the emulator serves.
    package var cdnLogsDirectory: String?
    /// Publish made-up hourly logs of edge traffic for any domain (the sandbox), an hour after each hour ends.
    package var syntheticLogs = false
    /// Cut every log download off after this many bytes (tests of damaged downloads).
    package var cutLogDownloadsAfterBytes: Int?
    /// Stop sending every log download after this many bytes, keeping the connection open (tests of stalls).
    package var stallLogDownloadsAfterBytes: Int?
    /// Send log downloads one byte every so many seconds (`--cdn-log-trickle [NAME=]SECONDS`), by file name (`*`:
    /// every file): a server that drips.
    package var trickleLogDownloads: [String: Double] = [:]
    /// How long a log's signed download URL stays valid, in seconds (`--cdn-log-expires`: 3600, as OSS's).
    package var logURLLifetime: Double = 3600
    /// Seconds `DescribeCdnDomainLogs` takes to answer (`--cdn-list-delay`): a slow listing.
    package var listingDelay: Double = 0
    /// Answer this many log downloads 503 before serving them (tests of retries).
    package var failLogDownloads = 0
    /// Simple Log Service: real-time log records (JSON lines) its GetLogs queries (`--sls-records`).
    package var slsRecordsPath: String?
    /// Make up an hour of real-time records for the sandbox (`run --sandbox sls:cdn-logs/cdn-access`).
    package var syntheticSLS = false
    /// The SLS project and logstore it serves (`--sls-project`, `--sls-logstore`).
    package var slsProject = "cdn-logs"
    package var slsLogstore = "cdn-access"
    /// Answer this many GetLogs calls `Incomplete` (with half their rows) before answering completely (tests).
    package var slsIncomplete = 0
    /// A PEM certificate chain and key to serve HTTPS with (`--tls-certificate`, `--tls-key`); `nil`: plain HTTP.
    package var tls: TLSFiles?

    /// The files of a TLS server identity.
    package struct TLSFiles: Sendable, Equatable {
        package var certificateChain: String
        package var privateKey: String

        package init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// How the edge stand-in dates its copies (`--edge-style`).
    package var edgeStyle: EdgeStyle = .alibaba

    /// The headers the edge stand-in answers with.
    package enum EdgeStyle: String, Sendable, CaseIterable {
        /// As Alibaba's nodes answer: `X-Cache: HIT TCP_MEM_HIT …`, `X-Swift-SaveTime`, `X-Swift-CacheTime`,
        /// `Ali-Swift-Global-Savetime`, `Via`, no `Age`.
        case alibaba
        /// `Age` and a bare `X-Cache: HIT|MISS`.
        case generic
    }

    package init(
        host: String = "127.0.0.1", port: Int = 8080,
        accessKeyID: String = EmulatorConfiguration.sandboxAccessKeyID,
        accessKeySecret: String = EmulatorConfiguration.sandboxAccessKeySecret,
        urlQuota: Int = 2000, directoryQuota: Int = 100, regexQuota: Int = 20, ignoreParamsQuota: Int = 100,
        preloadQuota: Int = 1000, qps: Int = 50, latencyMilliseconds: Int = 0, errorRate: Double = 0,
        dropRate: Double = 0, completeAfterSeconds: Double = 5, seed: UInt64 = 1, maxBodyBytes: Int = 4 << 20
    ) {
        self.host = host
        self.port = port
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.urlQuota = urlQuota
        self.directoryQuota = directoryQuota
        self.regexQuota = regexQuota
        self.ignoreParamsQuota = ignoreParamsQuota
        self.preloadQuota = preloadQuota
        self.qps = qps
        self.latencyMilliseconds = latencyMilliseconds
        self.errorRate = errorRate
        self.dropRate = dropRate
        self.completeAfterSeconds = completeAfterSeconds
        self.seed = seed
        self.maxBodyBytes = maxBodyBytes
    }

    /// The share of `domain`'s window another client takes at the start of each window (0: none).
    package func neighbourShare(of domain: String) -> Double {
        neighbours[domain] ?? neighbours["*"] ?? 0
    }

    /// Seconds between the bytes of `name`'s download, when it trickles.
    package func trickle(of name: String) -> Double? {
        trickleLogDownloads[name] ?? trickleLogDownloads["*"]
    }

    /// Calls allowed per second for `action` (Alibaba's documented per-API limits; refresh and push use `qps`).
    package func callLimit(for action: APIAction) -> Int {
        action.submitsWork ? qps : action.documentedCallLimit
    }
}
