import Dispatch
import Synchronization

/// A fixed ring of large byte buffers passed between two threads: one fills them (decompressing), the other
/// drains them (parsing), so the two stages overlap and the slower one sets the pace.
///
/// The ring's memory is fixed when it is made (`count × size` bytes). The filling side blocks while every buffer
/// is full, the draining side while every buffer is empty; nothing grows, whatever the input.
///
/// Thread safety: a buffer's bytes are written only by the producer between ``acquireEmpty()`` and
/// ``publish(_:count:end:)``, and read only by the consumer between ``acquireFilled()`` and ``release(_:)``. The
/// semaphores order those hand-offs (a signal happens before the wait it ends), and the metadata of each slot is
/// behind a mutex.
final class ChunkRing: @unchecked Sendable {
    /// What the producer published in a slot.
    struct Filled {
        var slot: Int
        var bytes: UnsafeBufferPointer<UInt8>
        /// Whether this is the last chunk of the input.
        var end: Bool
    }

    private struct SlotState {
        var count = 0
        var end = false
    }

    private struct Shared {
        var slots: [SlotState]
        var damage: InputError?
        var wasGzip = false
    }

    let bufferSize: Int
    let bufferCount: Int
    private let storage: UnsafeMutableRawPointer
    private let empty: DispatchSemaphore
    private let filled: DispatchSemaphore
    private let recorded = DispatchSemaphore(value: 0)
    private let shared: Mutex<Shared>
    private var nextEmpty = 0  // producer only
    private var nextFilled = 0  // consumer only

    /// A ring of `count` buffers of `size` bytes each.
    init(count: Int, size: Int) {
        precondition(count >= 2 && size > 0, "a ring needs at least two non-empty buffers")
        bufferCount = count
        bufferSize = size
        storage = .allocate(byteCount: count * size, alignment: 64)
        empty = DispatchSemaphore(value: count)
        filled = DispatchSemaphore(value: 0)
        shared = Mutex(Shared(slots: Array(repeating: SlotState(), count: count)))
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes the ring holds, whatever flows through it.
    var footprint: Int { bufferCount * bufferSize }

    // MARK: - Producer

    /// Waits for an empty buffer and returns its slot and memory (producer only).
    func acquireEmpty() -> (slot: Int, buffer: UnsafeMutableRawBufferPointer) {
        empty.wait()
        let slot = nextEmpty
        nextEmpty = (nextEmpty + 1) % bufferCount
        return (slot, UnsafeMutableRawBufferPointer(start: storage + slot * bufferSize, count: bufferSize))
    }

    /// Hands a filled buffer to the consumer (producer only).
    ///
    /// After the `end` chunk the producer stops.
    func publish(_ slot: Int, count: Int, end: Bool) {
        shared.withLock { $0.slots[slot] = SlotState(count: count, end: end) }
        filled.signal()
    }

    /// Records why the input ended early (if it did) and whether it was gzip, after the `end` chunk.
    ///
    /// The consumer reads it once it has the `end` chunk: the producer records it right after publishing that
    /// chunk, and ``outcome`` waits for it.
    func setOutcome(damage: InputError?, wasGzip: Bool) {
        shared.withLock {
            $0.damage = damage
            $0.wasGzip = wasGzip
        }
        recorded.signal()
    }

    // MARK: - Consumer

    /// Waits for the next filled buffer, in order (consumer only).
    func acquireFilled() -> Filled {
        filled.wait()
        let slot = nextFilled
        nextFilled = (nextFilled + 1) % bufferCount
        let state = shared.withLock { $0.slots[slot] }
        let base = (storage + slot * bufferSize).assumingMemoryBound(to: UInt8.self)
        return Filled(slot: slot, bytes: UnsafeBufferPointer(start: base, count: state.count), end: state.end)
    }

    /// Gives a drained buffer back to the producer (consumer only).
    func release(_ slot: Int) {
        empty.signal()
    }

    /// Why the input ended early, and whether it was gzip; waits until the producer has recorded it.
    var outcome: (damage: InputError?, wasGzip: Bool) {
        recorded.wait()
        recorded.signal()
        return shared.withLock { ($0.damage, $0.wasGzip) }
    }
}
