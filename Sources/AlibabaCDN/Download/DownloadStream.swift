import Dispatch
import NIOCore
import Synchronization

/// One download's bytes, handed from the HTTP client to a reader that blocks: a bounded buffer between an async
/// producer and a thread.
///
/// The producer (``push(_:)``) suspends while ``limit`` bytes wait unread, so a download never runs further ahead
/// of its reader than that; the reader (``read(bytesInto:)``) blocks until bytes, the end or a failure arrive. After a
/// failure the reader first gets every byte that did arrive, then the failure: nothing readable is lost.
package final class DownloadStream: Sendable {
    private struct State {
        var chunks: [ByteBuffer] = []
        var buffered = 0
        var delivered: Int64 = 0
        var ended = false
        var failure: DownloadFailure?
        var cancelled = false
        var waitingProducer: CheckedContinuation<Void, Never>?
    }

    /// The name failures carry.
    package let name: String
    /// Bytes that may wait unread before the producer waits.
    package let limit: Int
    private let state = Mutex(State())
    private let arrived = DispatchSemaphore(value: 0)

    package init(name: String, limit: Int = 1 << 20) {
        self.name = name
        self.limit = max(1, limit)
    }

    // MARK: - Reader

    /// Copies the next bytes into `buffer`, blocking until some arrive; 0 at the end.
    ///
    /// - Throws: the download's failure, once every byte received before it has been read.
    package func read(bytesInto buffer: UnsafeMutableRawBufferPointer) throws(DownloadFailure) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let (count, outcome, producer) = state.withLock {
                state -> (Int, Result<Void, DownloadFailure>?, CheckedContinuation<Void, Never>?) in
                var copied = 0
                while copied < buffer.count, !state.chunks.isEmpty {
                    let taken = state.chunks[0].readWithUnsafeReadableBytes { bytes in
                        let n = min(bytes.count, buffer.count - copied)
                        UnsafeMutableRawBufferPointer(rebasing: buffer[copied..<(copied + n)])
                            .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<n]))
                        return n
                    }
                    copied += taken
                    if state.chunks[0].readableBytes == 0 { state.chunks.removeFirst() }
                }
                state.buffered -= copied
                var producer: CheckedContinuation<Void, Never>?
                if state.buffered < limit {
                    producer = state.waitingProducer
                    state.waitingProducer = nil
                }
                if copied > 0 { return (copied, nil, producer) }
                if let failure = state.failure { return (0, .failure(failure), producer) }
                if state.ended { return (0, .success(()), producer) }
                return (0, nil, producer)
            }
            producer?.resume()
            if count > 0 { return count }
            switch outcome {
            case .failure(let failure): throw failure
            case .success: return 0
            case nil: arrived.wait()
            }
        }
    }

    /// Tells the producer to stop: the reader wants no more (it stopped early).
    package func cancel() {
        let producer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.cancelled = true
            state.chunks = []
            state.buffered = 0
            defer { state.waitingProducer = nil }
            return state.waitingProducer
        }
        producer?.resume()
    }

    // MARK: - Producer

    /// Whether the reader cancelled.
    package var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Bytes pushed so far.
    package var delivered: Int64 { state.withLock { $0.delivered } }

    /// Adds bytes for the reader; suspends while ``limit`` bytes wait unread.
    ///
    /// Returns `false` once the reader cancelled (stop downloading).
    package func push(_ bytes: ByteBuffer) async -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            if bytes.readableBytes > 0 {
                state.chunks.append(bytes)
                state.buffered += bytes.readableBytes
                state.delivered += Int64(bytes.readableBytes)
            }
            return true
        }
        guard accepted else { return false }
        arrived.signal()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                guard state.buffered >= limit, !state.cancelled else { return true }
                state.waitingProducer = continuation
                return false
            }
            if ready { continuation.resume() }
        }
        return !isCancelled
    }

    /// Stops the download for good (the run was told to stop): the producer pushes nothing more, and the reader gets
    /// what already arrived, then `reason` as the failure.
    package func stop(reason: String) {
        let producer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.cancelled = true
            if !state.ended, state.failure == nil {
                state.failure = DownloadFailure(name: name, reason: reason, delivered: state.delivered)
            }
            defer { state.waitingProducer = nil }
            return state.waitingProducer
        }
        producer?.resume()
        arrived.signal()
    }

    /// Adds `bytes` for the reader, as ``push(_:)`` does.
    package func push(bytes: [UInt8]) async -> Bool {
        await push(ByteBuffer(bytes: bytes))
    }

    /// Ends the stream: complete when `failure` is `nil`.
    package func finish(failure: DownloadFailure? = nil) {
        state.withLock { state in
            guard !state.ended, state.failure == nil else { return }
            if let failure { state.failure = failure } else { state.ended = true }
        }
        arrived.signal()
    }
}
