import CDNRefresh
import Synchronization

/// What one `sls:` input got so far, shared between the feed that fetches it and the summary.
package final class SLSTally: Sendable {
    private let coverage: Mutex<SLSCoverage>

    init(_ coverage: SLSCoverage) {
        self.coverage = Mutex(coverage)
    }

    /// The counts so far.
    package var current: SLSCoverage { coverage.withLock { $0 } }

    func add(page rows: Int, records: Int) {
        coverage.withLock {
            $0.pages += 1
            $0.urls += rows
            $0.records += records
        }
    }

    func fail(_ reason: String) {
        coverage.withLock { $0.failure = $0.failure ?? reason }
    }
}
