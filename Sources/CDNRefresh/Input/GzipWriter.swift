import CZlib

/// Compresses bytes as gzip (real zlib deflate, gzip framing): the emulator's published logs and test fixtures.
package enum GzipWriter {
    /// Compresses `data` as one gzip member.
    package static func compress(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_gzip(&stream, level) == Z_OK, "deflateInit2 failed")
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
}
