/// The directories of the URLs seen, each known by the hash of its URL (`https://host/a/b/`) and its parent.
///
/// A directory's number is its position of insertion, and a parent is always inserted before its children, so
/// totals roll up in one backward pass. Memory grows with distinct directories, not with URLs.
struct DirectoryTable: Sendable {
    private var numbers = HashedTable<UInt32>()
    /// The hash of each directory's URL, by number.
    private(set) var keys: [UInt64] = []
    /// The number of each directory's parent, or -1 for a domain root (`https://host/`).
    private(set) var parents: [Int32] = []

    /// The number of directories.
    var count: Int { keys.count }

    /// The number of the directory `url[0..<end]` (which ends with `/`), inserting it and its ancestors as needed.
    ///
    /// - Parameter pathStart: the offset of the path's leading `/` in `url`.
    mutating func number(ofPrefix end: Int, of url: UnsafeRawBufferPointer, pathStart: Int) -> UInt32 {
        let key = URLHash.hash(url.baseAddress!, count: end)
        if let existing = numbers.value(for: key) { return existing }
        var parent: Int32 = -1
        if end - 1 > pathStart, let slash = Self.lastSlash(in: url, from: pathStart, before: end - 1) {
            parent = Int32(number(ofPrefix: slash + 1, of: url, pathStart: pathStart))
        }
        return insert(key, parent: parent)
    }

    /// The number of the directory with hash `key`, inserting it under `parent` when it is new.
    mutating func number(forKey key: UInt64, parent: Int32) -> UInt32 {
        if let existing = numbers.value(for: key) { return existing }
        return insert(key, parent: parent)
    }

    /// The number of the directory with hash `key`, if it was seen.
    func number(forKey key: UInt64) -> UInt32? {
        numbers.value(for: key)
    }

    /// Bytes held, for statistics and tests.
    var footprint: Int {
        numbers.footprint + keys.capacity * MemoryLayout<UInt64>.stride + parents.capacity * MemoryLayout<Int32>.stride
    }

    private mutating func insert(_ key: UInt64, parent: Int32) -> UInt32 {
        let number = UInt32(keys.count)
        _ = numbers.findOrInsert(key, initial: number)
        keys.append(key)
        parents.append(parent)
        return number
    }

    /// The offset of the last `/` in `url[start..<end]`.
    static func lastSlash(in url: UnsafeRawBufferPointer, from start: Int, before end: Int) -> Int? {
        var index = end - 1
        while index >= start {
            if url[index] == 0x2F { return index }
            index -= 1
        }
        return nil
    }
}
