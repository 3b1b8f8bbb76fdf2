import ArgumentParser

/// `--summary text|json` (`plan`, `run`).
struct SummaryOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(help: "The summary on stderr: text, or one JSON object for monitoring (printed even with --quiet).")
    var summary: Format = .text
}
