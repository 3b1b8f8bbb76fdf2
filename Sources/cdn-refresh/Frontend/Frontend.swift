import ArgumentParser
import CDNRefresh
import Foundation
import Logging
import RefreshRunner

/// Where `plan` and `run` hand off once their options are parsed: the library call, what the outcome says on
/// standard error, and the exit code.
enum Frontend {
    /// Plans (``PlanningRun``), says how it went, and exits with its code.
    static func plan(_ configuration: PlanningRunConfiguration, output: OutputOptions, summary: SummaryOptions)
        throws
    {
        let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
        let outcome = PlanningRun(configuration: configuration, logger: logger).execute()
        try finish(outcome, output: output, format: summary.summary, manifestLine: outcome.manifestLine)
    }

    /// Plans with remote inputs (`cdn:`, `sls:`): lists and queries them in an API session (never a write, never the
    /// quota), then plans on a thread of its own while their bytes arrive.
    static func plan(
        _ configuration: PlanningRunConfiguration, session options: APISession.Options, sls: SLSOptions,
        output: OutputOptions, summary: SummaryOptions
    ) async throws {
        let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
        let outcome = try await APISession.with(options, logger: logger) { session in
            let remote = RemoteInputs(
                logSource: session.logSource, slsSource: session.slsClient,
                caller: APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 50))), sls: sls,
                logger: logger)
            let expanded = await remote.expand(configuration.planning, now: Date())
            let run = PlanningRun(configuration: configuration, logger: logger)
            // Reading blocks its thread while downloads arrive on the cooperative pool: a thread of its own.
            return await withCheckedContinuation { (continuation: CheckedContinuation<PlanOutcome, Never>) in
                Thread { continuation.resume(returning: run.execute(remote: expanded)) }.start()
            }
        }
        try finish(outcome, output: output, format: summary.summary, manifestLine: outcome.manifestLine)
    }

    /// Runs (``RefreshRun``) in an API session, says how it went, and exits with its code.
    ///
    /// A progress bar on a terminal; a session that cannot open (no credentials) still leaves metrics saying the run
    /// failed.
    static func run(
        _ configuration: RunConfiguration, session options: APISession.Options, output: OutputOptions,
        summary: SummaryOptions
    ) async throws {
        let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
        // Before any call, credential sources included: a report that could not be written would be news too late.
        if let refusal = RefreshRun.preflight(configuration) {
            try finish(refusal, output: output, format: summary.summary)
        }
        let progressBar = output.showsProgress ? ProgressBar() : nil
        let stop = StopRequest()
        let signals = SignalWatch { signal in
            stop.request(signal)
            StandardError.print("cdn-refresh: stopping: settling what is in flight (a second signal ends it at once)")
        }
        defer { signals.cancel() }
        let outcome: RunOutcome
        do {
            outcome = try await APISession.with(options, logger: logger) { session in
                defer { progressBar?.finish() }
                return await RefreshRun(
                    configuration: configuration, api: session.client, logger: logger,
                    progress: { progressBar?.update($0) }, edgeProbe: session.edgeProbe,
                    logSource: session.logSource, slsSource: session.slsClient, stop: stop
                ).execute()
            }
        } catch {
            if let notice = RefreshRun.recordFailedStart(configuration) {
                StandardError.print("cdn-refresh: \(notice)")
            }
            throw error
        }
        try finish(outcome, output: output, format: summary.summary)
    }

    /// Prints the outcome's notices and its summary (text, or JSON with `--summary json`; a manifest's one line),
    /// then ends the process with the outcome's exit code unless it is 0.
    static func finish(
        _ outcome: some CommandOutcome, output: OutputOptions, format: SummaryOptions.Format,
        manifestLine: String? = nil
    ) throws {
        for notice in outcome.notices { StandardError.print("cdn-refresh: \(notice)") }
        if outcome.finished {
            if let manifestLine {
                if !output.quiet { StandardError.print(manifestLine) }
            } else {
                if let reason = outcome.summary.stopReason, output.quiet {
                    StandardError.print("cdn-refresh: stopped: \(reason)")
                }
                switch format {
                case .json: StandardError.print(outcome.summary.json(exitCode: outcome.exit.rawValue))
                case .text: if !output.quiet { StandardError.print(outcome.summary.render()) }
                }
            }
        }
        if outcome.exit != .success { throw ExitCode(outcome.exit) }
    }
}
