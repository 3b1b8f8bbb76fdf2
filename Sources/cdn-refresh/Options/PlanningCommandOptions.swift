import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner
import Support

extension InputFormat: ExpressibleByArgument {}
extension URLScheme: ExpressibleByArgument {}
extension QueryMode: ExpressibleByArgument {}
extension EntryType: ExpressibleByArgument {}
extension CollapseOptions.Mode: ExpressibleByArgument {}

/// The options of `plan` and `run` that shape the plan, as the command line gives them (DESIGN §2); validated here
/// and turned into the library's `PipelineConfiguration` by ``configuration()``.
struct PlanningCommandOptions: ParsableArguments {
    @Argument(
        help: """
            Inputs: paths (gzip detected by content), '-' for stdin, cdn:DOMAIN for the CDN's own hourly logs of \
            [--since, --until) (listed and downloaded through the API), or sls:PROJECT/LOGSTORE for real-time logs \
            SLS counts over [--since, --until) (default the last hour). None: stdin unless it is a terminal.
            """)
    var inputs: [String] = []

    @Option(help: "Input format: auto (sniff each input), manifest, combined, alicdn, oss.")
    var format: InputFormat = .auto

    @Option(help: "Accelerated domain for entries that carry only a path.")
    var domain: String?

    @Option(
        name: .customLong("domain-map"),
        help: "FROM=TO: map a host found in the input to the accelerated domain (repeatable).")
    var domainMap: [String] = []

    @Option(help: "Scheme for entries without one: http or https.")
    var scheme: URLScheme = .https

    @Option(help: "Query strings: keep (normalized) or strip.")
    var query: QueryMode = .keep

    @Option(help: "Type of manifest entries that do not say: file or directory.")
    var type: EntryType = .file

    @Option(help: "Request methods that make a log record a candidate.")
    var methods: String = "PUT,POST,PATCH,DELETE"

    @Option(help: "Statuses that make a log record a candidate, e.g. 200-299,404.")
    var status: String = "200-299"

    @Option(
        parsing: .unconditional,
        help: """
            Only log records at or after this time: ISO 8601 (e.g. 2026-11-24T02:00+08:00; no zone means local time), \
            or relative to now (-30m, -2h, -1d); for cdn: inputs also the hours listed (default: the last 24 h), for \
            sls: inputs the window counted (default: the last hour).
            """)
    var since: String?

    @Option(parsing: .unconditional, help: "Only log records before this time (ISO 8601, relative like -5m, or now).")
    var until: String?

    @Option(
        name: .customLong("priority-rule"),
        help: "GLOB=WEIGHT: rank URLs whose path matches (repeatable; * within a segment, ** across).")
    var priorityRules: [String] = []

    @Option(name: .customLong("quota-urls"), help: "Remaining URL quota to plan with (plan: 2000; run: live).")
    var quotaURLs: Int?

    @Option(name: .customLong("quota-dirs"), help: "Remaining directory quota to plan with (plan: 100; run: live).")
    var quotaDirectories: Int?

    @Option(name: .customLong("reserve-urls"), help: "URL quota held back for incidents.")
    var reserveURLs: Int = 0

    @Option(name: .customLong("reserve-dirs"), help: "Directory quota held back for incidents.")
    var reserveDirectories: Int = 0

    @Option(name: .customLong("reserve-ignore-params"), help: "IgnoreParams quota held back for incidents.")
    var reserveIgnoreParams: Int = 0

    @Option(help: "URLs per request, 1…1000.")
    var batchSize: Int = 1000

    @Option(
        help: """
            When the URL quota cannot take every file: auto collapses them into Directory and IgnoreParams entries \
            within those quotas; off defers them.
            """)
    var collapse: CollapseOptions.Mode = .auto

    @Option(
        name: .customLong("collapse-min"),
        help: "A directory is used only if it covers at least this many file entries (a query group needs 2).")
    var collapseMin: Int = 10

    @Option(
        name: .customLong("collapse-ratio"),
        help: "A directory is used only if at least this share (0…1) of the URLs seen beneath it are candidates.")
    var collapseRatio: Double = 0.5

    @Flag(help: "Send Force=true with Directory, Regex and IgnoreParams entries: delete instead of mark expired.")
    var force = false

    @Option(
        name: .customLong("hits-from"),
        help: "An input read only for hits, never for candidates, e.g. today's access logs or cdn:DOMAIN (repeatable).")
    var hitsFrom: [String] = []

    @Option(
        name: .customLong("backlog-max-age"),
        help: "A carried-over entry older than this leaves the backlog as expired (units s, m, h, d).")
    var backlogMaxAge = "30d"

    @Option(
        name: .customLong("backlog-max-entries"),
        help: "Beyond this many entries the lowest-ranked leave the backlog as dropped.")
    var backlogMaxEntries = 1_000_000

    @Option(help: "Write the CSV report here (atomically); '-' or absent: standard output.")
    var report: String?

    @OptionGroup var state: StateDirectoryOption

    @Flag(help: "Keep no state: no journal, no backlog, no lock.")
    var noState = false

    mutating func validate() throws {
        guard type == .file || type == .directory else {
            throw ValidationError(
                "'--type' takes file or directory (a manifest line can name regex or ignoreparams itself)")
        }
        guard (1...PlannerOptions.maxBatchSize).contains(batchSize) else {
            throw ValidationError("'--batch-size' must be from 1 to 1000")
        }
        for (name, value) in [
            ("--quota-urls", quotaURLs), ("--quota-dirs", quotaDirectories), ("--reserve-urls", reserveURLs),
            ("--reserve-dirs", reserveDirectories), ("--reserve-ignore-params", reserveIgnoreParams),
        ] {
            if let value, value < 0 { throw ValidationError("'\(name)' must not be negative") }
        }
        guard BacklogLimits.seconds(inAge: backlogMaxAge) != nil else {
            throw ValidationError("'--backlog-max-age' takes an age such as 30d, 12h, 90m or 3600s")
        }
        guard backlogMaxEntries >= 0 else { throw ValidationError("'--backlog-max-entries' must not be negative") }
        guard collapseMin >= 1 else { throw ValidationError("'--collapse-min' must be at least 1") }
        guard (0...1).contains(collapseRatio) else {
            throw ValidationError("'--collapse-ratio' must be from 0 to 1, e.g. 0.5")
        }
        for operand in inputs + hitsFrom {
            switch InputSource(operand: operand) {
            case .cdnLogs(let domain):
                guard !domain.isEmpty, !domain.contains("/"),
                    (try? Self.canonical(domain, option: "", scheme: scheme)) != nil
                else {
                    throw ValidationError("'\(operand)': 'cdn:' takes a CDN domain, e.g. cdn:www.example.com")
                }
            case .slsLogs(let project, let logstore):
                guard SLSCommandOptions.isName(project), SLSCommandOptions.isName(logstore) else {
                    throw ValidationError(
                        "'\(operand)': 'sls:' takes PROJECT/LOGSTORE (lower-case letters, digits, - and _), "
                            + "e.g. sls:cdn-logs/cdn-access")
                }
            default:
                break
            }
        }
        if hitsFrom.contains("-") && (inputs.isEmpty || inputs.contains("-")) {
            throw ValidationError("standard input can be read once: give '--hits-from -' only with file inputs")
        }
        if noState && state.stateDir != nil {
            throw ValidationError("'--state-dir' and '--no-state' are mutually exclusive")
        }
        _ = try selectionRules()
        _ = try normalizationOptions()
        _ = try rules()
    }

    /// The inputs to read: the operands, or standard input when none are given and it is not a terminal.
    var inputSources: [InputSource] {
        if inputs.isEmpty {
            return StandardError.inputIsTerminal ? [] : [.standardInput]
        }
        return inputs.map(InputSource.init(operand:))
    }

    func normalizationOptions() throws -> NormalizationOptions {
        var options = NormalizationOptions(defaultScheme: scheme, query: query)
        if let domain {
            options.defaultDomain = try Self.canonical(domain, option: "--domain", scheme: scheme)
        }
        for mapping in domainMap {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw ValidationError(
                    "'--domain-map' takes FROM=TO, e.g. origin.example.com=cdn.example.com; got '\(mapping)'")
            }
            let from = try Self.canonical(parts[0], option: "--domain-map", scheme: scheme)
            options.domainMap[from] = try Self.canonical(parts[1], option: "--domain-map", scheme: scheme)
        }
        return options
    }

    func selectionRules() throws -> SelectionRules {
        guard let methods = SelectionRules.parseMethods(methods) else {
            throw ValidationError("'--methods' takes upper-case methods separated by commas, e.g. PUT,POST")
        }
        guard let statuses = SelectionRules.parseStatuses(status) else {
            throw ValidationError("'--status' takes statuses and ranges from 100 to 599, e.g. 200-299,404")
        }
        let since = try since.map { try Self.time($0, option: "--since") }
        let until = try until.map { try Self.time($0, option: "--until") }
        if let since, let until, since >= until {
            throw ValidationError("'--since' must be before '--until'")
        }
        return SelectionRules(methods: methods, statuses: statuses, since: since, until: until)
    }

    func rules() throws -> [PriorityRule] {
        try priorityRules.map { argument in
            guard let rule = PriorityRule(argument: argument) else {
                throw ValidationError(
                    "'--priority-rule' takes GLOB=WEIGHT with a glob starting with '/', e.g. '/static/**=10'; got '\(argument)'"
                )
            }
            return rule
        }
    }

    /// The pipeline's configuration; each command resolves the quota from its ``PipelineConfiguration/quota``.
    func configuration() throws -> PipelineConfiguration {
        PipelineConfiguration(
            inputs: inputSources,
            hitInputs: hitsFrom.map(InputSource.init(operand:)),
            format: format,
            normalization: try normalizationOptions(),
            selection: try selectionRules(),
            defaultType: type,
            quota: QuotaRequest(urls: quotaURLs, directories: quotaDirectories),
            planOptions: PlannerOptions(
                reserveURLs: reserveURLs, reserveDirectories: reserveDirectories,
                reserveIgnoreParams: reserveIgnoreParams, batchSize: batchSize, priorityRules: try rules(),
                collapse: CollapseOptions(mode: collapse, minimum: collapseMin, ratio: collapseRatio), force: force))
    }

    var reportDestination: ReportDestination { ReportDestination(argument: report) }

    /// The state directory: `nil` with `--no-state`, and with `--sandbox` unless `--state-dir` names one (a
    /// sandbox's throwaway API leaves nothing worth carrying over).
    func stateDirectory(sandbox: Bool = false) -> String? {
        guard !noState, !(sandbox && state.stateDir == nil) else { return nil }
        return state.directory
    }

    /// `--backlog-max-age` and `--backlog-max-entries` (validated).
    var backlogLimits: BacklogLimits {
        BacklogLimits(maxAge: BacklogLimits.seconds(inAge: backlogMaxAge) ?? 30 * 86_400, maxEntries: backlogMaxEntries)
    }

    private static func canonical(_ value: String, option: String, scheme: URLScheme) throws -> String {
        switch NormalizationOptions.canonicalDomain(value, scheme: scheme) {
        case .success(let domain): return domain
        case .failure(let error): throw ValidationError("'\(option)' value '\(value)': \(error)")
        }
    }

    /// Parses a time: `now`, a time relative to now (`-30m`, `-2h`, `-1d`, `-90s`), or ISO 8601 — a date, or a date
    /// and time (seconds optional) with an optional zone (none means local time).
    static func time(_ text: String, option: String, now: Date = Date()) throws -> Int64 {
        let current = Int64(now.timeIntervalSince1970.rounded(.down))
        if text.lowercased() == "now" { return current }
        if text.hasPrefix("-"), let seconds = BacklogLimits.seconds(inAge: String(text.dropFirst())) {
            return current - Int64(seconds)
        }
        let zoned = ISO8601DateFormatter()
        zoned.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = zoned.date(from: text) ?? fractional.date(from: text) {
            return Int64(date.timeIntervalSince1970.rounded(.down))
        }
        // `2026-11-24T02:00+08:00`: minutes, then a zone.
        for pattern in ["yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mmXXXX"] {
            if let date = FixedDate.date(text, pattern) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            if let date = FixedDate.date(text, pattern, zone: .current) {
                return Int64(date.timeIntervalSince1970.rounded(.down))
            }
        }
        throw ValidationError(
            "'\(option)' takes an ISO 8601 time such as 2026-11-24T02:00:00+08:00, or -30m or now; got '\(text)'")
    }
}
