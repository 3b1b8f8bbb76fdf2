import ArgumentParser
import Foundation
import RefreshRunner

/// `--state-dir`: where the journal and the backlog live (`plan`, `run`, `backlog`, `history`).
struct StateDirectoryOption: ParsableArguments {
    @Option(
        help: "Where the journal and backlog live (default: $XDG_STATE_HOME/cdn-refresh or ~/.local/state/cdn-refresh)."
    )
    var stateDir: String?

    /// The state directory: `--state-dir`, else the default one.
    var directory: String {
        stateDir ?? StateStore.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }
}
