/// What `%` means in an entry's path.
package enum PathEncoding: Sendable {
    /// `%XX` sequences are escapes (URLs, request targets).
    case escaped
    /// The path is data (a decoded OSS object key): every `%` is a literal percent sign.
    case raw
}
