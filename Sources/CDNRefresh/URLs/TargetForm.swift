/// How to read an entry that does not start with a scheme or `/`.
package enum TargetForm: Sendable {
    /// A manifest entry: `host/path` (scheme-less) — the first segment is the host; `//host/path` too.
    case manifestEntry
    /// A log request target: a missing leading `/` means relative to the root, and `//x` is a path.
    case logTarget
}

/// What `%` means in an entry's path.
package enum PathEncoding: Sendable {
    /// `%XX` sequences are escapes (URLs, request targets).
    case escaped
    /// The path is data (a decoded OSS object key): every `%` is a literal percent sign.
    case raw
}
