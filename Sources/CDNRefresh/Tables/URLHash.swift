/// A fast, fixed 64-bit hash of canonical URL bytes: the key of the hit, directory and candidate tables.
///
/// Each 16-byte block is folded into the state with one 64×64→128-bit multiply whose halves are XORed (the
/// "folded multiply" of wyhash and foldhash); up to 16 bytes are read as two overlapping words, so short URLs cost
/// one multiply and the final mix. The constants have the high bit set in every byte: canonical URLs are ASCII, so
/// no word of one can equal a constant and zero a product.
///
/// Not cryptographic and not seeded per process: the same bytes hash to the same value in every run, which keeps
/// plans deterministic. Two distinct URLs share a hash with probability about 2⁻⁶⁴ per pair; the candidate table
/// compares the bytes as well, and a shared hash between two URLs that are only read would at worst merge their
/// hit counts.
enum URLHash {
    private static let k0: UInt64 = 0x9EB7_F9B9_FFCA_FC95
    private static let k1: UInt64 = 0xBFD8_C7ED_9DE4_E5B9
    private static let k2: UInt64 = 0x94D0_C9BB_B3B1_91EB
    private static let k3: UInt64 = 0xC2B2_AEBD_A7D4_EB8F

    /// The hash of `bytes`; never 0 (0 marks an empty slot in the tables).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = bytes.baseAddress else { return finish(0, 0, state: k3, count: 0) }
        return hash(base, count: bytes.count)
    }

    /// The hash of `count` bytes at `base`; never 0.
    static func hash(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
        var state = k3
        let a: UInt64
        let b: UInt64
        if count <= 16 {
            if count >= 8 {
                a = word(base, 0)
                b = word(base, count - 8)
            } else if count >= 4 {
                a = UInt64(halfWord(base, 0))
                b = UInt64(halfWord(base, count - 4))
            } else if count > 0 {
                let bytes = base.assumingMemoryBound(to: UInt8.self)
                a = UInt64(bytes[0]) << 16 | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count - 1])
                b = 0
            } else {
                a = 0
                b = 0
            }
        } else {
            var offset = 0
            while count - offset > 16 {
                state = fold(word(base, offset) ^ k0, word(base, offset + 8) ^ k1 ^ state)
                offset += 16
            }
            a = word(base, count - 16)
            b = word(base, count - 8)
        }
        return finish(a, b, state: state, count: count)
    }

    /// The hash of the bytes of `text` (for URLs held as strings: backlog entries, tests).
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private static func finish(_ a: UInt64, _ b: UInt64, state: UInt64, count: Int) -> UInt64 {
        let mixed = fold(a ^ k0, b ^ k1 ^ state)
        let result = fold(mixed ^ k2, UInt64(truncatingIfNeeded: count) ^ k3)
        return result == 0 ? 1 : result
    }

    @inline(__always)
    private static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let product = x.multipliedFullWidth(by: y)
        return product.high ^ product.low
    }

    @inline(__always)
    private static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func halfWord(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
