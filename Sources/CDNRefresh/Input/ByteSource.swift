/// A source of bytes that is read in chunks, front to back.
///
/// `read(into:)` returns 0 only at the end. When the source is damaged it first returns every byte it could
/// recover and throws on the call after that, so a reader loses nothing that was readable.
protocol ByteSource: ~Copyable {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means the end of the data.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}
