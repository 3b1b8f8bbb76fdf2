import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh history`: per quota day, what the journal says was spent and left.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per quota day (UTC+8), the quota spent and the entries accepted, failed and deferred.")

        @Option(help: "How many quota days back, today included.")
        var days = 14

        @OptionGroup var json: JSONOption
        @OptionGroup var state: StateDirectoryOption

        func validate() throws {
            guard days >= 1 else { throw ValidationError("'--days' must be at least 1") }
        }

        func run() throws {
            let directory = state.directory
            let history: [HistoryDay]
            do {
                guard let store = try StateStore.openIfPresent(directory: directory) else {
                    StandardError.print("cdn-refresh: no state in \(directory)")
                    return
                }
                history = try store.history(days: days, now: Date())
                store.close()
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                if case .outdated = error { return }
                throw ExitCode(.nothingDone)
            }
            StandardOutput.print(json.json ? JSONText.encode(history) : Self.table(history))
        }

        static let columns = [
            "day", "urls", "directories", "ignoreparams", "prefetch", "accepted", "failed", "deferred", "backlog",
            "runs",
        ]

        static func cells(_ day: HistoryDay) -> [String] {
            [
                day.day, String(day.urls), String(day.directories), String(day.ignoreParams), String(day.prefetch),
                String(day.accepted), String(day.failed), String(day.deferred), day.backlog.map(String.init) ?? "",
                String(day.runs),
            ]
        }

        /// A table with a bar of the URL quota each day used, on a terminal; tab-separated columns on a pipe.
        static func table(_ history: [HistoryDay]) -> String {
            guard StandardError.outputIsTerminal else {
                return ([columns] + history.map(cells)).map { $0.joined(separator: "\t") }.joined(separator: "\n")
            }
            let most = max(1, history.map { max($0.urls, $0.urlQuotaAtStart ?? 0) }.max() ?? 1)
            return TextTable.render(
                header: columns + ["URL quota used"],
                rows: history.map { day in
                    let width = 20
                    let filled = Int((Double(day.urls) / Double(most) * Double(width)).rounded())
                    var bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                    if let quota = day.urlQuotaAtStart, quota > 0 {
                        bar += " \(Int((Double(day.urls) / Double(quota) * 100).rounded()))% of \(quota)"
                    }
                    return cells(day) + [bar]
                })
        }
    }
}
