/// The quota given on the command line (`--quota-urls`, `--quota-dirs`): what each run resolves its budget from.
package struct QuotaRequest: Sendable, Equatable {
    package var urls: Int?
    package var directories: Int?

    package init(urls: Int? = nil, directories: Int? = nil) {
        self.urls = urls
        self.directories = directories
    }

    /// Whether the live quota would add nothing: both values are given, so `run` does not read it.
    package var isComplete: Bool { urls != nil && directories != nil }

    /// The budget: over `live` when it was read (each given value caps its type), else over the documented
    /// defaults (each given value replaces its type).
    package func resolve(live: RefreshQuota?) -> QuotaBudget {
        guard let live else {
            var quota = RefreshQuota.documentedDefaults
            if let urls { quota.urls = urls }
            if let directories { quota.directories = directories }
            return QuotaBudget(quota: quota, origin: urls == nil && directories == nil ? .documented : .given)
        }
        var quota = live
        if let urls { quota.urls = min(urls, live.urls) }
        if let directories { quota.directories = min(directories, live.directories) }
        return QuotaBudget(quota: quota, origin: .live)
    }
}
