import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh backlog [list|clear]`.
    struct Backlog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or empty the carried-over entries (deferred for quota, or failed for a passing reason).")

        enum Action: String, ExpressibleByArgument, CaseIterable {
            case list
            case clear
        }

        @Argument(help: "list (default) or clear.")
        var action: Action = .list

        @Option(help: "The state directory (default: $XDG_STATE_HOME/cdn-refresh or ~/.local/state/cdn-refresh).")
        var stateDir: String?

        func run() throws {
            guard let directory = StateAccess.directory(noState: false, stateDir: stateDir) else { return }
            do {
                switch action {
                case .list:
                    let entries = try StateStore.openIfPresent(directory: directory)?.backlog() ?? []
                    let formatter = ISO8601DateFormatter()
                    StandardOutput.print(
                        TextTable.render(
                            header: ["url", "type", "priority", "hits", "first_seen", "source"],
                            rows: entries.map {
                                [
                                    $0.url, $0.type.rawValue, $0.priority.map(String.init) ?? "", String($0.hits),
                                    formatter.string(from: $0.firstSeen), $0.source,
                                ]
                            }))
                    StandardError.print("cdn-refresh: \(entries.count) backlog entries in \(directory)")
                case .clear:
                    let store = try StateStore(directory: directory, exclusive: true)
                    let removed = try store.clearBacklog()
                    StandardError.print("cdn-refresh: removed \(removed) backlog entries from \(directory)")
                }
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                if case .locked = error { throw ExitCodes.locked }
                throw ExitCodes.nothingDone
            }
        }
    }
}
