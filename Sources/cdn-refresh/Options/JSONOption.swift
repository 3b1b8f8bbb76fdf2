import ArgumentParser

/// `--json`: output for scripts (`quota`, `tasks`, `history`).
struct JSONOption: ParsableArguments {
    @Flag(help: "Print JSON for scripts instead of a table.")
    var json = false
}
