/// When and how far file entries the URL quota cannot take are collapsed into Directory and IgnoreParams entries
/// (`--collapse`, `--collapse-min`, `--collapse-ratio`; DESIGN §5).
package struct CollapseOptions: Sendable, Equatable {
    /// `auto` collapses only when the file entries exceed the URL budget; `off` never does.
    package enum Mode: String, Sendable, CaseIterable {
        case auto
        case off
    }

    package var mode: Mode
    /// A directory is used only if it covers at least this many file entries. (A query group needs only 2: the
    /// variants of one object carry no collateral.)
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
