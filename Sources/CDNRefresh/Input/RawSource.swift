#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input's raw bytes — from an open file descriptor (a file, standard input) or a stream fetched while it is
/// read (a download) — with a small look-ahead for sniffing.
///
/// A descriptor is closed when the source is destroyed unless it is standard input; a stream is cancelled, so a
/// download that was not read to its end stops.
struct RawSource: ByteSource, ~Copyable {
    private enum Backing {
        case descriptor(Int32, owned: Bool)
        case stream(any RemoteByteStream)
    }

    private let backing: Backing
    let path: String
    /// Asked while a descriptor has nothing to read: once it says so, the read fails as stopped.
    private let shouldStop: @Sendable () -> Bool
    /// Bytes that `peek` read ahead and `read` has not yet handed out.
    private var lookahead: [UInt8] = []

    /// Opens `path` for reading.
    init(path: String, shouldStop: @escaping @Sendable () -> Bool = { false }) throws(InputError) {
        self.shouldStop = shouldStop
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, reason: errnoText())
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotOpen(path: path, reason: "it is a directory")
        }
        self.backing = .descriptor(fd, owned: true)
        self.path = path
    }

    /// Wraps an already open descriptor such as standard input; it is not closed afterwards.
    init(borrowing descriptor: Int32, name: String, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.backing = .descriptor(descriptor, owned: false)
        self.path = name
        self.shouldStop = shouldStop
    }

    /// Reads a remote input's stream (stopping it is the stream's business: a stopped run cancels its downloads).
    init(stream: any RemoteByteStream, name: String) {
        self.backing = .stream(stream)
        self.path = name
        self.shouldStop = { false }
    }

    deinit {
        switch backing {
        case .descriptor(let descriptor, let owned): if owned { close(descriptor) }
        case .stream(let stream): stream.cancel()
        }
    }

    /// Returns up to `count` leading bytes without consuming them (fewer only at the end of the data).
    mutating func peek(_ count: Int) throws(InputError) -> [UInt8] {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        defer { chunk.deallocate() }
        while lookahead.count < count {
            let wanted = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<(count - lookahead.count)])
            let n = try readDescriptor(into: wanted)
            if n == 0 { break }
            lookahead.append(contentsOf: wanted[0..<n])
        }
        return Array(lookahead.prefix(count))
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if !lookahead.isEmpty {
            let n = min(lookahead.count, buffer.count)
            lookahead.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: n)
            }
            lookahead.removeFirst(n)
            return n
        }
        return try readDescriptor(into: buffer)
    }

    private func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let descriptor: Int32
        switch backing {
        case .descriptor(let fd, _): descriptor = fd
        case .stream(let stream): return try stream.read(into: buffer)
        }
        while true {
            // A pipe or terminal may say nothing for a long time: wait for bytes a quarter of a second at a time, so
            // a run told to stop is not held by it (a file is always ready).
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 250)
            if polled == 0 {
                if shouldStop() { throw .stopped(path: path) }
                continue
            }
            let n = systemRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR || errno == EAGAIN { continue }
            throw .readFailed(path: path, reason: errnoText())
        }
    }
}

/// The C library's `read(2)`, named apart from `ByteSource.read(into:)`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
