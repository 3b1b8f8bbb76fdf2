import CZlib

/// Compresses bytes with real zlib deflate, in gzip framing (the emulator's published logs, test fixtures) or zlib
/// framing (an HTTP `deflate` body, SLS's answers); ``inflate(_:)`` undoes either.
package enum GzipWriter {
    /// How the compressed bytes are framed.
    package enum Framing: Sendable {
        /// One gzip member (`1f 8b` …).
        case gzip
        /// A zlib stream (what HTTP calls `deflate`).
        case zlib
    }

    /// Compresses `data` in `framing`.
    package static func compress(_ data: [UInt8], level: Int32 = 6, framing: Framing = .gzip) -> [UInt8] {
        var stream = z_stream()
        let initialized =
            framing == .gzip ? czlib_deflate_init_gzip(&stream, level) : czlib_deflate_init_zlib(&stream, level)
        precondition(initialized == Z_OK, "deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        var input = data
        let chunk = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            var status: Int32 = Z_OK
            repeat {
                buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = deflate(&stream, Z_FINISH)
                    output.append(contentsOf: out[0..<(chunk - Int(stream.avail_out))])
                }
            } while status == Z_OK || status == Z_BUF_ERROR
            precondition(status == Z_STREAM_END, "deflate failed")
        }
        return output
    }

    /// Compresses text as one gzip member.
    package static func compress(_ text: String) -> [UInt8] {
        compress(Array(text.utf8))
    }

    /// A zlib or gzip stream's bytes; `nil` when they are not one, or it is cut short.
    package static func inflate(_ data: [UInt8], sizeHint: Int = 0) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_inflate_init_auto(&stream) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(max(sizeHint, data.count * 4))
        let chunk = 256 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = data
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(chunk - Int(stream.avail_out))])
                }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        return status == Z_STREAM_END ? output : nil
    }
}
