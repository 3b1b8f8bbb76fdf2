import ArgumentParser
import RefreshRunner

/// How `run` submits, as the command line gives it (DESIGN §2); ``submission`` is the runner's
/// `SubmissionOptions`.
struct SubmissionCommandOptions: ParsableArguments {
    @Option(help: "API calls started per second, 1…50; no 1-second window ever holds more.")
    var qps = 50

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "Attempts per request for retryable failures.")
    var maxAttempts = 5

    @Flag(help: "Poll DescribeRefreshTaskById until every task is Complete or Failed.")
    var wait = false

    @Option(help: "Seconds to wait for tasks with --wait.")
    var waitTimeout: Double = 900

    @Option(
        name: .customLong("poll-interval"),
        help: ArgumentHelp("Seconds between task polls with --wait (default 5; 1 in the sandbox).", visibility: .hidden)
    )
    var pollInterval: Double?

    @Option(
        name: .customLong("domain-urls-per-minute"),
        help: """
            URLs every domain takes a minute (Alibaba: 10,000, or 1,000 on older accounts); given, it wins over \
            anything learned. Default: what this state learned from the API's refusals (kept a week), else no limit.
            """)
    var domainURLsPerMinute: Int?

    @Option(
        name: .customLong("domain-limit-floor"),
        help: "The lowest a learned per-domain limit may fall, URLs a minute (also never below what the API accepted).")
    var domainLimitFloor = 100

    @Option(
        name: .customLong("pace-timeout"),
        help: "How long per-domain limits, a full refresh queue or throttling may hold requests back (units s, m, h).")
    var paceTimeout = "30m"

    @Option(
        name: .customLong("pace-window"),
        help: ArgumentHelp("The per-domain window in seconds (60; shorter only for tests).", visibility: .hidden))
    var paceWindow: Double = 60

    @Flag(
        name: .customLong("refresh-again"),
        help: """
            Send URLs a run accepted after their last change too (within the API's 3 days): pays again. Without it they \
            are skipped, so rerunning after an exit 1 sends only what is left.
            """)
    var refreshAgain = false

    @OptionGroup var sandbox: SandboxOption

    mutating func validate() throws {
        guard (1...50).contains(qps) else { throw ValidationError("'--qps' must be from 1 to 50 (the API allows 50)") }
        guard (1...64).contains(concurrency) else { throw ValidationError("'--concurrency' must be from 1 to 64") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("'--max-attempts' must be from 1 to 20") }
        guard waitTimeout > 0 else { throw ValidationError("'--wait-timeout' must be positive") }
        if let pollInterval, pollInterval <= 0 { throw ValidationError("'--poll-interval' must be positive") }
        guard domainLimitFloor >= 1 else { throw ValidationError("'--domain-limit-floor' must be at least 1") }
        if let domainURLsPerMinute, domainURLsPerMinute < 1 {
            throw ValidationError("'--domain-urls-per-minute' must be at least 1")
        }
        guard BacklogLimits.seconds(inAge: paceTimeout) != nil else {
            throw ValidationError("'--pace-timeout' takes a duration such as 30m, 2h or 600s")
        }
        guard paceWindow > 0 else { throw ValidationError("'--pace-window' must be positive") }
    }

    /// The submission options; the sandbox polls faster (its tasks finish in seconds).
    var submission: SubmissionOptions {
        var options = SubmissionOptions(
            callsPerSecond: qps, concurrency: concurrency, retry: RetryPolicy(maxAttempts: maxAttempts), wait: wait,
            waitTimeoutSeconds: waitTimeout, pollIntervalSeconds: pollInterval ?? (sandbox.sandbox ? 1 : 5))
        options.domainURLsPerMinute = domainURLsPerMinute
        options.paceTimeoutSeconds = BacklogLimits.seconds(inAge: paceTimeout) ?? 1800
        options.paceWindowSeconds = paceWindow
        options.domainLimitFloor = domainLimitFloor
        return options
    }
}
