/// Reusable storage for one canonical URL as bytes, so normalizing a log line allocates nothing.
///
/// ``URLNormalizer`` writes into it; the tables read it through ``withCanonicalBytes(_:)``. Its content is valid
/// until the next normalization.
struct URLBuffer {
    private var storage: [UInt8]
    /// The length of the URL.
    private(set) var count = 0
    /// The offset of the path's leading `/`.
    private(set) var pathStart = 0
    /// The offset of the `?` that starts the query, if the URL has one.
    private(set) var queryStart: Int?

    init(capacity: Int = 4096) {
        storage = Array(repeating: 0, count: capacity)
    }

    /// Replaces the content: `body` writes at most `capacity` bytes and returns the path and query offsets.
    mutating func write(capacity: Int, _ body: (inout ByteWriter) -> (pathStart: Int, queryStart: Int?)) {
        if storage.count < capacity {
            storage = Array(repeating: 0, count: max(capacity, storage.count * 2))
        }
        let (written, layout) = storage.withUnsafeMutableBufferPointer { buffer in
            var writer = ByteWriter(base: buffer.baseAddress!)
            let layout = body(&writer)
            return (writer.count, layout)
        }
        count = written
        pathStart = layout.pathStart
        queryStart = layout.queryStart
    }

    /// Calls `body` with the URL's bytes and layout.
    @inline(__always)
    func withCanonicalBytes<Result>(_ body: (CanonicalBytes) -> Result) -> Result {
        storage.withUnsafeBytes { raw in
            body(
                CanonicalBytes(
                    bytes: UnsafeRawBufferPointer(rebasing: raw[0..<count]), pathStart: pathStart,
                    queryStart: queryStart))
        }
    }

    /// The URL as a string.
    var string: String {
        storage.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[0..<count]), as: UTF8.self)
        }
    }
}
