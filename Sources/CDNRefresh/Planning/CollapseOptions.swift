/// When and how far file entries the URL quota cannot take are collapsed into Directory and IgnoreParams entries
/// (`--collapse`, `--collapse-min`, `--collapse-ratio`; DESIGN §5).
package struct CollapseOptions: Sendable, Equatable {
    /// `auto` collapses only when the file entries exceed the URL budget; `off` never does.
    package enum Mode: String, Sendable, CaseIterable {
        case auto
        case off
    }

    package var mode: Mode
    /// A directory or query group is used only if it covers at least this many file entries (at least 2 for a
    /// query group: one URL is not a group).
    package var minimum: Int
    /// A directory is used only if at least this share (0…1) of the distinct URLs seen beneath it in the inputs
    /// are candidates: what it would expire besides them stays a bounded multiple of what changed.
    package var ratio: Double

    package init(mode: Mode = .auto, minimum: Int = 10, ratio: Double = 0.5) {
        self.mode = mode
        self.minimum = minimum
        self.ratio = ratio
    }

    /// Never collapse.
    package static let off = CollapseOptions(mode: .off)
}

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
        let files = RunSummary.grouped(coveredFiles)
        let without = RunSummary.grouped(deferredWithout)
        return "\(files) files covered by \(directories) \(directories == 1 ? "directory" : "directories") and "
            + "\(ignoreParams) IgnoreParams \(ignoreParams == 1 ? "entry" : "entries"); without collapsing "
            + "\(without) would have been deferred"
    }
}
