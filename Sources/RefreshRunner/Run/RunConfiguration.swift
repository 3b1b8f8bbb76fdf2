import AlibabaCDN
import CDNRefresh
import Foundation

/// Everything `cdn-refresh run` needs besides the API client.
package struct RunConfiguration: Sendable {
    /// Inputs, rules and the quota given on the command line (when it gives both URLs and directories, the live
    /// quota is not read).
    package var planning: PipelineConfiguration
    /// How requests are sent; the run waits for its tasks with `--wait`, and whenever it prefetches or verifies
    /// (``waitsForTasks``).
    package var submission: SubmissionOptions
    /// The state directory; `nil` for `--no-state`.
    package var stateDirectory: String?
    /// A unique name for this run (journal keys, backlog claims).
    package var runID: String
    /// When carried-over entries leave the backlog unrefreshed.
    package var backlogLimits: BacklogLimits
    /// Whether and how refreshed URLs are checked through the CDN afterwards (`--verify`).
    package var verify: VerifyOptions?
    /// Whether and how the hottest refreshed URLs are pushed back into the caches (`--prefetch`).
    package var prefetch: PrefetchOptions?
    /// Where the report and the metrics go.
    package var outputs: RunOutputs
    /// `--refresh-again`: send what a run accepted after its last change too (pay again).
    package var refreshAgain = false
    /// How `sls:` inputs are queried.
    package var sls = SLSOptions()

    package init(
        planning: PipelineConfiguration, submission: SubmissionOptions = SubmissionOptions(),
        stateDirectory: String? = nil, runID: String = RunConfiguration.newRunID(),
        backlogLimits: BacklogLimits = BacklogLimits(), verify: VerifyOptions? = nil, prefetch: PrefetchOptions? = nil,
        outputs: RunOutputs = RunOutputs()
    ) {
        self.planning = planning
        self.submission = submission
        self.stateDirectory = stateDirectory
        self.runID = runID
        self.backlogLimits = backlogLimits
        self.verify = verify
        self.prefetch = prefetch
        self.outputs = outputs
    }

    /// The submission as the run makes it: prefetching and verifying come after the refresh tasks complete, so
    /// either makes the run wait for them, as `--wait` does.
    package var effectiveSubmission: SubmissionOptions {
        var options = submission
        if verify != nil || prefetch != nil { options.wait = true }
        return options
    }

    /// A run ID: UTC time and a random suffix, readable in the journal.
    package static func newRunID(at date: Date = Date()) -> String {
        let stamp = APITimestamp.format(date).filter { $0.isNumber }
        return "run-\(stamp)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}
