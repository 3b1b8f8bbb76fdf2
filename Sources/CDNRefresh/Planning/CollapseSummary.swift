import Support

/// What collapsing did in a plan, for the summary and the metrics.
package struct CollapseSummary: Sendable, Equatable {
    /// File entries covered by a collapsed Directory or IgnoreParams entry.
    package var coveredFiles: Int
    /// Directory entries made by collapsing.
    package var directories: Int
    /// IgnoreParams entries made by collapsing.
    package var ignoreParams: Int
    /// File entries that would have been deferred without collapsing.
    package var deferredWithout: Int
    /// File entries deferred with collapsing.
    package var deferredWith: Int

    package init(coveredFiles: Int, directories: Int, ignoreParams: Int, deferredWithout: Int, deferredWith: Int) {
        self.coveredFiles = coveredFiles
        self.directories = directories
        self.ignoreParams = ignoreParams
        self.deferredWithout = deferredWithout
        self.deferredWith = deferredWith
    }

    /// The summary's sentence.
    package var sentence: String {
        let files = Figures.grouped(coveredFiles)
        let without = Figures.grouped(deferredWithout)
        return "\(files) files covered by \(directories) \(directories == 1 ? "directory" : "directories") and "
            + "\(ignoreParams) IgnoreParams \(ignoreParams == 1 ? "entry" : "entries"); without collapsing "
            + "\(without) would have been deferred"
    }
}
