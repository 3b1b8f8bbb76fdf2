import AlibabaCDN
import CDNRefresh
import Foundation
import Logging

/// The inputs read through an API, made readable.
///
/// `cdn:DOMAIN` is listed into its log files, `sls:PROJECT/LOGSTORE` queried into its counts. `run` and `plan`
/// expand them the same way (`plan` calls nothing that writes, nor
/// `DescribeRefreshQuota`).
package struct RemoteInputs: Sendable {
    let logSource: (any CDNLogSource)?
    let slsSource: (any SLSQuerying)?
    let caller: APICaller
    let sls: SLSOptions
    let logger: Logger
    let stop: StopRequest?

    package init(
        logSource: (any CDNLogSource)?, slsSource: (any SLSQuerying)?, caller: APICaller, sls: SLSOptions,
        logger: Logger, stop: StopRequest? = nil
    ) {
        self.logSource = logSource
        self.slsSource = slsSource
        self.caller = caller
        self.sls = sls
        self.logger = logger
        self.stop = stop
    }

    /// What expanding found.
    package struct Expanded: Sendable {
        package var configuration: PipelineConfiguration
        /// What each `cdn:` input listed.
        package var cdnLogs: [CDNLogCoverage] = []
        /// What each `sls:` input gets, filled while it is read.
        package var slsTallies: [SLSTally] = []
        /// Why nothing can be planned: SLS refused a query for good.
        package var fatal: String?
    }

    /// `configuration` with its remote inputs made readable.
    package func expand(_ configuration: PipelineConfiguration, now: Date) async -> Expanded {
        var expanded = Expanded(configuration: configuration)
        if configuration.allInputs.contains(where: { if case .cdnLogs = $0 { true } else { false } }),
            let logSource
        {
            let listing = CDNLogListing(source: logSource, caller: caller, logger: logger, stop: stop)
            (expanded.configuration, expanded.cdnLogs) = await listing.expand(expanded.configuration, now: now)
        }
        if configuration.allInputs.contains(where: \.isSLS) {
            guard let slsSource else {
                expanded.fatal = "sls: inputs need credentials for Simple Log Service"
                return expanded
            }
            let expansion = SLSExpansion(source: slsSource, caller: caller, options: sls, logger: logger, stop: stop)
            let queried = await expansion.expand(expanded.configuration, now: now)
            expanded.configuration = queried.configuration
            expanded.slsTallies = queried.tallies
            expanded.fatal = queried.fatal
        }
        return expanded
    }
}
