/// The bytes of a canonical URL (`scheme://host[:port]/path[?query]`) with the offsets of its path and query.
struct CanonicalBytes {
    var bytes: UnsafeRawBufferPointer
    /// The offset of the path's leading `/`.
    var pathStart: Int
    /// The offset of the `?` that starts the query, if there is one.
    var queryStart: Int?
}
