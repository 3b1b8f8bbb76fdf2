import ArgumentParser
import Logging

/// Diagnostics options shared by every subcommand that does work.
struct OutputOptions: ParsableArguments {
    @Option(help: "Diagnostics on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Flag(help: "Only errors on stderr: no summary, no progress (for cron).")
    var quiet = false

    @Option(help: "A progress bar on stderr: auto (only on a terminal), on, off.")
    var progress: ProgressMode = .auto

    /// The level the logger is bootstrapped with.
    var effectiveLogLevel: Logger.Level { quiet ? .error : logLevel }

    /// Whether to draw a progress bar.
    var showsProgress: Bool {
        guard !quiet else { return false }
        switch progress {
        case .on: return true
        case .off: return false
        case .auto: return StandardError.isTerminal
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
