import Foundation
import RefreshRunner
import Synchronization

/// A one-line progress bar on standard error, redrawn at most ten times a second; only on a terminal.
final class ProgressBar: Sendable {
    private let lastDraw = Mutex<(time: Double, drawn: Bool)>((0, false))

    func update(_ progress: SubmissionProgress) {
        let now = Date().timeIntervalSince1970
        let due = lastDraw.withLock { state -> Bool in
            let due = now - state.time >= 0.1 || progress.requestsDone == progress.requestsTotal
            if due { state = (now, true) }
            return due
        }
        guard due else { return }
        let width = 24
        let fraction = progress.requestsTotal == 0 ? 1 : Double(progress.requestsDone) / Double(progress.requestsTotal)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = String(format: "%.1f", progress.callsPerSecond)
        var line =
            "\r[\(bar)] \(progress.requestsDone)/\(progress.requestsTotal) requests, "
            + "\(progress.urlsAccepted)/\(progress.urlsTotal) URLs, \(rate) calls/s"
        if let pacing = progress.pacing {
            line += ", waiting for \(pacing.domain)'s per-minute limit (ETA \(Int(pacing.seconds.rounded(.up))) s)"
        } else if progress.waiting {
            line += ", waiting for tasks"
        }
        StandardError.write(raw: line + "\u{1B}[K")
    }

    /// Clears the line, if anything was drawn.
    func finish() {
        if lastDraw.withLock({ $0.drawn }) { StandardError.write(raw: "\r\u{1B}[K") }
    }
}
