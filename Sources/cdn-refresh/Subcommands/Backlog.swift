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

        @OptionGroup var state: StateDirectoryOption

        @Option(help: "list: at most this many entries, best-ranked first.")
        var limit: Int?

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("'--limit' must not be negative") }
        }

        func run() throws {
            let directory = state.directory
            do {
                switch action {
                case .list:
                    try list(directory: directory)
                case .clear:
                    let store = try StateStore(directory: directory, exclusive: true)
                    let removed = try store.clearBacklog()
                    StandardError.print("cdn-refresh: removed \(removed) backlog entries from \(directory)")
                }
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                if ExitStatus(error) != .success { throw ExitCode(ExitStatus(error)) }
            }
        }

        /// Streams the backlog best-ranked first as tab-separated lines, one entry at a time.
        private func list(directory: String) throws(StateError) {
            guard let store = try StateStore.openIfPresent(directory: directory) else {
                StandardError.print("cdn-refresh: no state in \(directory)")
                return
            }
            let total = try store.backlogCount()
            let dates = ISO8601DateFormatter()
            var output = "url\ttype\tpriority\thits\tfirst_seen\tsource\n"
            var listed = 0
            try store.forEachBacklogEntry(limit: limit) { entry in
                let cells = [
                    entry.url, entry.type.rawValue, entry.priority.map(String.init) ?? "", String(entry.hits),
                    dates.string(from: entry.firstSeen), entry.source,
                ]
                output += ControlEscaping.escapeForTerminal(cells.joined(separator: "\t")) + "\n"
                listed += 1
                if output.utf8.count >= 1 << 16 {
                    StandardError.writeAll(output, to: 1)
                    output = ""
                }
            }
            StandardError.writeAll(output, to: 1)
            StandardError.print("cdn-refresh: \(listed) of \(total) backlog entries in \(directory), best-ranked first")
        }
    }
}
