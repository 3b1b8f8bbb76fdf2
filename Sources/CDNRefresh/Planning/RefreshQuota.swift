/// Remaining refresh quota per entry type.
public struct RefreshQuota: Sendable, Equatable {
    public var urls: Int
    public var directories: Int
    public var regex: Int
    public var ignoreParams: Int

    public init(urls: Int, directories: Int, regex: Int, ignoreParams: Int) {
        self.urls = urls
        self.directories = directories
        self.regex = regex
        self.ignoreParams = ignoreParams
    }

    /// Alibaba's documented defaults (2,000 URLs, 100 directories, 20 regexes, 100 IgnoreParams a day), which
    /// `plan` assumes unless told otherwise.
    public static let documentedDefaults = RefreshQuota(urls: 2000, directories: 100, regex: 20, ignoreParams: 100)

    /// The quota of one type.
    public subscript(type: EntryType) -> Int {
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
