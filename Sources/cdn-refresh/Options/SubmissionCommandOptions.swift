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

    @OptionGroup var sandbox: SandboxOption

    mutating func validate() throws {
        guard (1...50).contains(qps) else { throw ValidationError("'--qps' must be from 1 to 50 (the API allows 50)") }
        guard (1...64).contains(concurrency) else { throw ValidationError("'--concurrency' must be from 1 to 64") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("'--max-attempts' must be from 1 to 20") }
        guard waitTimeout > 0 else { throw ValidationError("'--wait-timeout' must be positive") }
        if let pollInterval, pollInterval <= 0 { throw ValidationError("'--poll-interval' must be positive") }
    }

    /// The submission options; the sandbox polls faster (its tasks finish in seconds).
    var submission: SubmissionOptions {
        SubmissionOptions(
            callsPerSecond: qps, concurrency: concurrency, retry: RetryPolicy(maxAttempts: maxAttempts), wait: wait,
            waitTimeoutSeconds: waitTimeout, pollIntervalSeconds: pollInterval ?? (sandbox.sandbox ? 1 : 5))
    }
}
