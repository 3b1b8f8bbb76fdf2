/// Remaining refresh quota per entry type.
package struct RefreshQuota: Sendable, Equatable {
    package var urls: Int
    package var directories: Int
    package var regex: Int
    package var ignoreParams: Int

    package init(urls: Int, directories: Int, regex: Int, ignoreParams: Int) {
        self.urls = urls
        self.directories = directories
        self.regex = regex
        self.ignoreParams = ignoreParams
    }

    /// Alibaba's documented defaults (2,000 URLs, 100 directories, 20 regexes, 100 IgnoreParams a day), which
    /// `plan` assumes unless told otherwise.
    package static let documentedDefaults = RefreshQuota(urls: 2000, directories: 100, regex: 20, ignoreParams: 100)

    /// The quota of one type.
    package subscript(type: EntryType) -> Int {
        get {
            switch type {
            case .file: urls
            case .directory: directories
            case .regex: regex
            case .ignoreparams: ignoreParams
            }
        }
        set {
            switch type {
            case .file: urls = newValue
            case .directory: directories = newValue
            case .regex: regex = newValue
            case .ignoreparams: ignoreParams = newValue
            }
        }
    }
}
