import CZlib

/// Decompresses a gzip stream read from another source, in bounded chunks.
///
/// Concatenated members (`cat a.gz b.gz`, nginx's `access_log … gzip`) are decoded to the end. Damage is
/// reported only after every byte decoded before it has been returned: a file cut off mid-member gives
/// ``InputError/truncatedGzip(path:)``, bad data ``InputError/corruptGzip(path:detail:)``, and non-gzip bytes
/// after a complete member ``InputError/trailingGarbage(path:)`` (trailing NUL padding is ignored, as gzip does).
struct GzipSource: ByteSource, ~Copyable {
    private var upstream: RawSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var upstreamEnded = false
    /// True while a member has been started and its end (with a verified trailer) not yet reached.
    private var insideMember = true
    /// An error to throw on the next call, once the bytes decoded before it were returned.
    private var pendingError: InputError?
    private var finished = false

    static let inputChunkSize = 64 * 1024

    init(upstream: consuming RawSource) throws(InputError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_inflate_init_gzip(stream)
        guard status == Z_OK else {
            stream.deallocate()
            throw .corruptGzip(path: upstream.path, detail: "zlib could not start (code \(status))")
        }
        self.stream = stream
        self.input = .allocate(byteCount: Self.inputChunkSize, alignment: 16)
        self.upstream = upstream
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let error = pendingError {
            pendingError = nil
            finished = true
            throw error
        }
        guard !finished, let outBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if stream.pointee.avail_in == 0 && !upstreamEnded {
                try refill()
            }
            if stream.pointee.avail_in == 0 && upstreamEnded {
                finished = true
                if insideMember { throw .truncatedGzip(path: upstream.path) }
                return 0
            }
            stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                // No progress with input left means zlib is stuck; without input the loop refills or
                // reports the cut.
                if stream.pointee.avail_in > 0 && status == Z_BUF_ERROR {
                    finished = true
                    throw .corruptGzip(path: upstream.path, detail: "zlib made no progress")
                }
            case Z_STREAM_END:
                insideMember = false
                try startNextMemberIfAny()
                if produced > 0 { return produced }
                if let error = pendingError {
                    pendingError = nil
                    throw error
                }
                if finished { return 0 }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                let error = InputError.corruptGzip(path: upstream.path, detail: detail)
                if produced > 0 {
                    pendingError = error
                    return produced
                }
                finished = true
                throw error
            }
        }
    }

    /// Reads the next chunk of compressed bytes, keeping any unconsumed ones in front.
    private mutating func refill() throws(InputError) {
        let leftover = Int(stream.pointee.avail_in)
        if leftover > 0, let next = stream.pointee.next_in {
            input.baseAddress!.copyMemory(from: next, byteCount: leftover)
        }
        let free = UnsafeMutableRawBufferPointer(rebasing: input[leftover...])
        let n = try upstream.read(into: free)
        if n == 0 { upstreamEnded = true }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(leftover + n)
    }

    /// After a member ends: reset for the next one if gzip magic follows, otherwise decide what the rest is.
    private mutating func startNextMemberIfAny() throws(InputError) {
        while stream.pointee.avail_in < 2 && !upstreamEnded {
            try refill()
        }
        let available = Int(stream.pointee.avail_in)
        if available == 0 {
            finished = true
            return
        }
        let next = stream.pointee.next_in!
        if available >= 2 && next[0] == 0x1f && next[1] == 0x8b {
            inflateReset(stream)
            insideMember = true
            return
        }
        // Not another member. NUL padding is harmless; anything else is reported.
        if try restIsZeroPadding() {
            finished = true
            return
        }
        finished = true
        pendingError = .trailingGarbage(path: upstream.path)
    }

    private mutating func restIsZeroPadding() throws(InputError) -> Bool {
        while true {
            let count = Int(stream.pointee.avail_in)
            if let next = stream.pointee.next_in {
                for i in 0..<count where next[i] != 0 { return false }
            }
            stream.pointee.avail_in = 0
            if upstreamEnded { return true }
            try refill()
        }
    }
}
