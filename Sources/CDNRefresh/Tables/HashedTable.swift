/// A map from a nonzero 64-bit hash to a small fixed-size value, for millions of keys at a few bytes each.
///
/// Open addressing with linear probing over 64 shards chosen by the hash's top bits. Each shard grows on its own
/// (at three quarters full, to twice its size), so growing never holds two copies of the whole table. A key and
/// its value share a slot, so finding a key and updating its value touch one cache line: on a table far larger
/// than the cache that is one miss per look-up, not two. Keys are the hashes themselves: the table never sees the
/// text they were made from. Entries are never removed.
struct HashedTable<Value: BitwiseCopyable & Sendable>: Sendable {
    /// A position in the table, valid until the next insertion.
    struct Position: Equatable {
        var shard: Int
        var slot: Int
    }

    /// A key (0 = empty) and its value.
    struct Slot: BitwiseCopyable, Sendable {
        var key: UInt64
        var value: Value
    }

    private static var shardBits: Int { 6 }
    private var shards: [Shard]

    /// An empty table.
    init() {
        shards = (0..<(1 << Self.shardBits)).map { _ in Shard(capacity: 16) }
    }

    /// The number of keys.
    private(set) var count = 0

    /// Bytes held by the slots (keys and values), for statistics and tests.
    var footprint: Int {
        shards.reduce(0) { $0 + $1.slots.count * MemoryLayout<Slot>.stride }
    }

    /// The value for `key`, if present.
    func value(for key: UInt64) -> Value? {
        let shard = Self.shard(of: key)
        return shards[shard].slots.withUnsafeBufferPointer { slots in
            guard let slot = Shard.find(key, in: slots) else { return nil }
            return slots[slot].value
        }
    }

    /// Finds `key` or inserts it with `initial`; returns where it is and whether it was inserted.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt64, initial: Value) -> (position: Position, inserted: Bool) {
        let shard = Self.shard(of: key)
        let (slot, inserted) = shards[shard].findOrInsert(key, initial: initial)
        if inserted { count += 1 }
        return (Position(shard: shard, slot: slot), inserted)
    }

    /// Changes the value at `position` (from ``findOrInsert(_:initial:)``, with no insertion since).
    @inline(__always)
    mutating func update(at position: Position, _ change: (inout Value) -> Void) {
        shards[position.shard].slots.withUnsafeMutableBufferPointer { change(&$0[position.slot].value) }
    }

    /// Finds `key` and changes its value, or inserts it with `initial`; returns whether it was inserted.
    ///
    /// One probe for the common case of a key seen before (a hit counter, say).
    @inline(__always)
    @discardableResult
    mutating func upsert(_ key: UInt64, initial: Value, _ change: (inout Value) -> Void) -> Bool {
        let shard = Self.shard(of: key)
        let inserted = shards[shard].upsert(key, initial: initial, change)
        if inserted { count += 1 }
        return inserted
    }

    /// Calls `body` with every key and value, in an order fixed by the keys (not by insertion).
    func forEach(_ body: (UInt64, Value) -> Void) {
        for shard in shards {
            shard.slots.withUnsafeBufferPointer { slots in
                for slot in slots where slot.key != 0 { body(slot.key, slot.value) }
            }
        }
    }

    @inline(__always)
    private static func shard(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: key >> UInt64(64 - shardBits))
    }

    /// One shard: a power-of-two array of slots.
    private struct Shard: Sendable {
        var slots: [Slot]
        var used = 0

        init(capacity: Int) {
            slots = Array(unsafeUninitializedCapacity: capacity) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
                initialized = capacity
            }
        }

        @inline(__always)
        static func find(_ key: UInt64, in slots: UnsafeBufferPointer<Slot>) -> Int? {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = slots[slot].key
                if found == key { return slot }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }

        /// The slot holding `key`, or the empty slot where it would go.
        @inline(__always)
        static func probe(_ key: UInt64, in slots: UnsafeMutableBufferPointer<Slot>) -> (slot: Int, found: Bool) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = slots[slot].key
                if found == key { return (slot, true) }
                if found == 0 { return (slot, false) }
                slot = (slot + 1) & mask
            }
        }

        @inline(__always)
        mutating func findOrInsert(_ key: UInt64, initial: Value) -> (slot: Int, inserted: Bool) {
            if (used + 1) * 4 > slots.count * 3 { grow() }
            let result: (slot: Int, inserted: Bool) = slots.withUnsafeMutableBufferPointer { slots in
                let (slot, found) = Self.probe(key, in: slots)
                if !found { slots[slot] = Slot(key: key, value: initial) }
                return (slot, !found)
            }
            if result.inserted { used += 1 }
            return result
        }

        @inline(__always)
        mutating func upsert(_ key: UInt64, initial: Value, _ change: (inout Value) -> Void) -> Bool {
            if (used + 1) * 4 > slots.count * 3 { grow() }
            let inserted: Bool = slots.withUnsafeMutableBufferPointer { slots in
                let (slot, found) = Self.probe(key, in: slots)
                if found {
                    change(&slots[slot].value)
                } else {
                    slots[slot] = Slot(key: key, value: initial)
                }
                return !found
            }
            if inserted { used += 1 }
            return inserted
        }

        private mutating func grow() {
            var bigger = Shard(capacity: slots.count * 2)
            bigger.used = used
            bigger.slots.withUnsafeMutableBufferPointer { target in
                slots.withUnsafeBufferPointer { source in
                    for slot in source where slot.key != 0 {
                        let (position, _) = Self.probe(slot.key, in: target)
                        target[position] = slot
                    }
                }
            }
            self = bigger
        }
    }
}
