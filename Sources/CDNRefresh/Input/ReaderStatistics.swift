import Dispatch

/// What reading one input took: fixed buffers, the longest line gathered across buffers, and the buffers passed.
package struct ReaderStatistics: Sendable, Equatable {
    /// The ring's bytes (fixed when reading starts).
    package var bufferBytes: Int
    /// The most bytes held at once for a line that spanned two buffers (at most the line limit + 1).
    package var peakLineBytes: Int
    /// Buffers handed from the decompressing to the parsing thread.
    package var chunks: Int
}
