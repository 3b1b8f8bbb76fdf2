/// The quota a plan is made with, and where it came from.
///
/// One origin for `plan` and `run` alike: the documented daily defaults (`plan` without `--quota-*`), the values
/// given on the command line, or the live `DescribeRefreshQuota` answer capped by whatever was given.
package struct QuotaBudget: Sendable, Equatable {
    package enum Origin: Sendable, Equatable {
        /// Alibaba's documented daily quota, assumed.
        case documented
        /// `--quota-urls` / `--quota-dirs`, over the documented quota for the rest.
        case given
        /// `DescribeRefreshQuota`, each type capped by the value given for it.
        case live
    }

    package var quota: RefreshQuota
    package var origin: Origin

    package init(quota: RefreshQuota, origin: Origin) {
        self.quota = quota
        self.origin = origin
    }

    /// How the summary names the origin.
    package var originText: String {
        switch origin {
        case .documented: "assuming the documented daily quota; pass --quota-urls/--quota-dirs"
        case .given: "from --quota-*"
        case .live: "from DescribeRefreshQuota"
        }
    }
}
