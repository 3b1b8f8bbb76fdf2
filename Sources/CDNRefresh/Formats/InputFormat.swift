/// The `--format` option: a concrete format, or `auto` to sniff each input.
package enum InputFormat: String, Sendable, CaseIterable {
    case auto
    case manifest
    case combined
    case alicdn
    case oss

    /// The concrete format, or `nil` for `auto`.
    package var concrete: ConcreteFormat? {
        ConcreteFormat(rawValue: rawValue)
    }
}
