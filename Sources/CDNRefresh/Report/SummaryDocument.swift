import Support

/// A run's summary as a document: what `--summary json` prints and what the journal keeps of every finished run
/// (`cdn-refresh history` reads it back).
///
/// The keys are the JSON's, snake case, written sorted by ``JSONText``. Decoding is lenient: a key an older build
/// did not write takes its empty value, so old journals still read.
package struct SummaryDocument: Codable, Sendable, Equatable {
    /// Remaining quota per type.
    package struct Quota: Codable, Sendable, Equatable {
        package var urls: Int
        package var directories: Int
        package var regex: Int
        package var ignoreparams: Int

        package init(_ quota: RefreshQuota) {
            urls = quota.urls
            directories = quota.directories
            regex = quota.regex
            ignoreparams = quota.ignoreParams
        }
    }

    /// The quota the run started from, what it left, and where the figures came from.
    package struct QuotaFigures: Codable, Sendable, Equatable {
        package var start: Quota
        package var left: Quota
        package var origin: String
    }

    /// Line counts over every input.
    package struct Lines: Codable, Sendable, Equatable {
        package var read = 0
        package var skipped = 0
        package var candidates = 0
        package var hits = 0
        package var ignored = 0
        package var invalid = 0
    }

    /// How per-domain limits paced the run.
    package struct Pacing: Codable, Sendable, Equatable {
        package struct Domain: Codable, Sendable, Equatable {
            package var domain: String
            package var urlsPerMinute: Int
            package var source: String

            enum CodingKeys: String, CodingKey {
                case domain, source
                case urlsPerMinute = "urls_per_minute"
            }
        }

        package var domains: [Domain]
        package var refusals: [String: Int]
        package var waitSeconds: Double
        /// URLs deferred because they could not be sent within `--pace-timeout`.
        package var deferred = 0

        enum CodingKeys: String, CodingKey {
            case domains, refusals
            case waitSeconds = "wait_seconds"
            case deferred = "pacing_deferred"
        }

        init(domains: [Domain], refusals: [String: Int], waitSeconds: Double, deferred: Int) {
            self.domains = domains
            self.refusals = refusals
            self.waitSeconds = waitSeconds
            self.deferred = deferred
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            domains = try container.decodeIfPresent([Domain].self, forKey: .domains) ?? []
            refusals = try container.decodeIfPresent([String: Int].self, forKey: .refusals) ?? [:]
            waitSeconds = try container.decodeIfPresent(Double.self, forKey: .waitSeconds) ?? 0
            deferred = try container.decodeIfPresent(Int.self, forKey: .deferred) ?? 0
        }
    }

    /// What collapsing did.
    package struct Collapse: Codable, Sendable, Equatable {
        package var coveredFiles: Int
        package var directories: Int
        package var ignoreparams: Int
        package var deferredWithout: Int
        package var deferredWith: Int

        enum CodingKeys: String, CodingKey {
            case coveredFiles = "covered_files"
            case directories
            case ignoreparams
            case deferredWithout = "deferred_without"
            case deferredWith = "deferred_with"
        }
    }

    package var command = ""
    package var inputs = 0
    package var elapsedSeconds = 0.0
    package var lines = Lines()
    /// Report rows by status (every status, zeros included).
    package var entries: [String: Int] = [:]
    package var requests = 0
    package var retries = 0
    package var untouchedBacklog = 0
    package var damagedInputs: [String] = []
    package var partial = false
    package var exitCode = 0
    package var quota: QuotaFigures?
    package var backlogEntries: Int?
    package var collapse: Collapse?
    package var pacing: Pacing?
    /// URLs deferred because they could not be sent within `--pace-timeout` (0 when none).
    package var pacingDeferred = 0
    /// What each `cdn:DOMAIN` input listed; absent without one.
    package var cdnLogs: [CDNLogCoverage]?
    /// What each `sls:PROJECT/LOGSTORE` input got; absent without one.
    package var sls: [SLSCoverage]?
    /// URLs checked through the CDN by verdict; absent when nothing was verified.
    package var verified: [String: Int]?
    /// URLs prefetched by outcome; absent when nothing was prefetched.
    package var prefetched: [String: Int]?
    package var stopReason: String?

    enum CodingKeys: String, CodingKey {
        case command, inputs, lines, entries, requests, retries, partial, quota, collapse, verified, prefetched, pacing
        case elapsedSeconds = "elapsed_seconds"
        case untouchedBacklog = "untouched_backlog"
        case damagedInputs = "damaged_inputs"
        case exitCode = "exit_code"
        case backlogEntries = "backlog_entries"
        case stopReason = "stop_reason"
        case cdnLogs = "cdn_logs"
        case pacingDeferred = "pacing_deferred"
        case sls
    }

    package init() {}

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decodeIfPresent(String.self, forKey: .command) ?? ""
        inputs = try container.decodeIfPresent(Int.self, forKey: .inputs) ?? 0
        elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds) ?? 0
        lines = try container.decodeIfPresent(Lines.self, forKey: .lines) ?? Lines()
        entries = try container.decodeIfPresent([String: Int].self, forKey: .entries) ?? [:]
        requests = try container.decodeIfPresent(Int.self, forKey: .requests) ?? 0
        retries = try container.decodeIfPresent(Int.self, forKey: .retries) ?? 0
        untouchedBacklog = try container.decodeIfPresent(Int.self, forKey: .untouchedBacklog) ?? 0
        damagedInputs = try container.decodeIfPresent([String].self, forKey: .damagedInputs) ?? []
        partial = try container.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
        quota = try container.decodeIfPresent(QuotaFigures.self, forKey: .quota)
        backlogEntries = try container.decodeIfPresent(Int.self, forKey: .backlogEntries)
        collapse = try container.decodeIfPresent(Collapse.self, forKey: .collapse)
        pacing = try container.decodeIfPresent(Pacing.self, forKey: .pacing)
        verified = try container.decodeIfPresent([String: Int].self, forKey: .verified)
        prefetched = try container.decodeIfPresent([String: Int].self, forKey: .prefetched)
        stopReason = try container.decodeIfPresent(String.self, forKey: .stopReason)
        cdnLogs = try container.decodeIfPresent([CDNLogCoverage].self, forKey: .cdnLogs)
        pacingDeferred = try container.decodeIfPresent(Int.self, forKey: .pacingDeferred) ?? 0
        sls = try container.decodeIfPresent([SLSCoverage].self, forKey: .sls)
    }
}
