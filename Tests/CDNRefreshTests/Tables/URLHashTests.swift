import Support
import TestSupport
import Testing

@testable import CDNRefresh

@Suite("URL hash")
struct URLHashTests {
    @Test("the same bytes hash to the same value in every run and on every machine")
    func fixedValues() {
        // Pinned: a change here changes every table's layout, and would be a new hash, not a tweak.
        #expect(URLHash.hash("") == URLHash.hash(""))
        #expect(URLHash.hash("https://www.example.com/index.html") == 0x3DAA_EFB5_9BF5_1ADA)
        #expect(URLHash.hash("a") == 0x9462_2589_0118_69E8)
    }

    @Test("distinct URLs of every length up to 80 bytes, and one-byte changes at every position, never collide")
    func noCollisions() {
        var seen: [UInt64: String] = [:]
        var texts: [String] = []
        let base = "https://www.example.com/static/assets/app.3f2a9c.js?v=12&lang=zh-CN&x=abcdefghij"
        for length in 0...base.utf8.count { texts.append(String(base.utf8.prefix(length))!) }
        for position in 0..<base.utf8.count {
            var bytes = Array(base.utf8)
            bytes[position] ^= 0x01
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        for index in 0..<300_000 { texts.append("https://www.example.com/api/v2/objects/\(index % 500)/\(index).json") }
        for text in texts {
            let hash = URLHash.hash(text)
            #expect(hash != 0)
            if let earlier = seen[hash], earlier != text {
                Issue.record("'\(earlier)' and '\(text)' share the hash \(hash)")
            }
            seen[hash] = text
        }
    }

    @Test("the low bits (slot) and the top bits (shard) spread evenly")
    func distribution() {
        var low = [Int](repeating: 0, count: 1024)
        var top = [Int](repeating: 0, count: 64)
        let count = 200_000
        for index in 0..<count {
            let hash = URLHash.hash("https://cdn.example.com/img/products/\(index / 50)/\(index)/front.jpg")
            low[Int(hash & 1023)] += 1
            top[Int(hash >> 58)] += 1
        }
        // With a uniform hash each bucket holds count/buckets ± a few standard deviations.
        let lowExpected = Double(count) / 1024
        let topExpected = Double(count) / 64
        #expect(low.allSatisfy { abs(Double($0) - lowExpected) < 6 * lowExpected.squareRoot() })
        #expect(top.allSatisfy { abs(Double($0) - topExpected) < 6 * topExpected.squareRoot() })
    }
}

@Suite("Hashed table")
struct HashedTableTests {
    @Test("finds every key it was given, counts each once, and costs a few bytes per key")
    func findsEverything() {
        var table = HashedTable<UInt32>()
        var random = SplitMix64(seed: 9)
        let keys = (0..<100_000).map { _ in random.next() | 1 }
        for (index, key) in keys.enumerated() {
            let (position, inserted) = table.findOrInsert(key, initial: UInt32(index))
            #expect(inserted)
            table.update(at: position) { $0 += 0 }
        }
        for key in keys.prefix(1000) { #expect(!table.findOrInsert(key, initial: 0).inserted) }
        #expect(table.count == keys.count)
        #expect(keys.enumerated().allSatisfy { table.value(for: $1) == UInt32($0) })
        #expect(table.value(for: 2) == nil)
        var visited = 0
        table.forEach { _, _ in visited += 1 }
        #expect(visited == keys.count)
        // A slot is a key and its value (16 bytes with padding), and the load stays between 3/8 and 3/4: at most
        // 16 / (3/8) ≈ 43 bytes a key.
        #expect(MemoryLayout<HashedTable<UInt32>.Slot>.stride == 16)
        #expect(table.footprint * 3 <= keys.count * 16 * 8)
    }
}
