/// How to read an entry that does not start with a scheme or `/`.
package enum TargetForm: Sendable {
    /// A manifest entry: `host/path` (scheme-less) — the first segment is the host; `//host/path` too.
    case manifestEntry
    /// A log request target: a missing leading `/` means relative to the root, and `//x` is a path.
    case logTarget
}
