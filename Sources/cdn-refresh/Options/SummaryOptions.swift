import ArgumentParser

/// `--summary text|json` and `--metrics-file PATH` (`plan`, `run`).
struct SummaryOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(help: "The summary on stderr: text, or one JSON object for monitoring (printed even with --quiet).")
    var summary: Format = .text

    @Option(
        help:
            "Write the run's metrics there in the Prometheus text format (node_exporter's textfile collector), atomically."
    )
    var metricsFile: String?
}
