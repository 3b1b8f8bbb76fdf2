import AlibabaCDN
import CDNRefresh
import Foundation
import Synchronization
import Testing

@testable import RefreshRunner

/// A probe that answers from a table and counts how many probes are in flight at once.
final class TableProbe: EdgeProbing {
    let answers: [String: EdgeAnswer]
    let inFlight = Mutex((now: 0, most: 0))

    init(_ answers: [String: EdgeAnswer]) {
        self.answers = answers
    }

    func probe(_ url: String) async -> Result<EdgeAnswer, EdgeProbeFailure> {
        inFlight.withLock {
            $0.now += 1
            $0.most = max($0.most, $0.now)
        }
        try? await Task.sleep(for: .milliseconds(5))
        inFlight.withLock { $0.now -= 1 }
        return answers[url].map { .success($0) } ?? .failure(EdgeProbeFailure("connection refused"))
    }

    func probeOrigin(_ url: String, base: String) async -> Result<EdgeAnswer, EdgeProbeFailure> {
        .failure(EdgeProbeFailure("no origin"))
    }
}
