/// Chooses the directories that cover file entries the URL budget cannot take (DESIGN §5, collapse).
///
/// Candidate directories are the ancestors of the files, never a domain root. One is *eligible* when it covers at
/// least `minimum` of the files and the files are at least `ratio` of its *scope* — the distinct URLs known beneath
/// it: the URLs read there in the inputs plus the files that were not read. The choice is a set of eligible
/// directories, none beneath another, at most `directoryBudget` of them, that (1) leaves as few files deferred as
/// the two budgets allow, then (2) has the smallest total scope — the most specific directories — then (3) the fewest
/// directories. It is found by a knapsack over the directory tree: for every directory and every number of
/// directories `k`, the best choice beneath it with at most `k`, scored by the files covered (counted up to what
/// must be covered for nothing to be deferred), the scope and the count. Ties go to the directories of the
/// lower-ranked files, so that the best-ranked files keep precise File refreshes.
///
/// A pure function of its inputs: the same files in the same order always give the same choice.
struct DirectoryChoice {
    /// A file entry to place, in rank order (best first).
    struct File {
        var url: String
        /// Whether the inputs read the URL (it is then already among the URLs seen beneath its directories).
        var wasRead: Bool
    }

    /// A chosen directory and the files it covers (positions in the file list, in rank order).
    struct Chosen: Equatable {
        var url: String
        var files: [Int]
        /// The distinct URLs known beneath it.
        var scope: Int
    }

    var urlBudget: Int
    var directoryBudget: Int
    var minimum: Int
    var ratio: Double

    /// Chooses directories for `files`.
    ///
    /// - Parameters:
    ///   - seenBeneath: the distinct URLs read beneath a directory in the inputs (0 when unknown).
    ///   - excluded: directories that must not be chosen (the ancestors of explicit directory entries, which would
    ///     otherwise be covered twice).
    func choose(
        _ files: [File], seenBeneath: (String) -> Int, excluded: (Substring) -> Bool = { _ in false }
    ) -> [Chosen] {
        guard files.count > urlBudget, directoryBudget > 0 else { return [] }
        var tree = Tree(files: files, minimum: max(1, minimum))
        let target = files.count - urlBudget
        for index in tree.nodes.indices where tree.nodes[index].files >= max(1, minimum) {
            let node = tree.nodes[index]
            let url = String(node.url)
            let scope = max(seenBeneath(url), node.readFiles) + node.files - node.readFiles
            tree.nodes[index].scope = scope
            tree.nodes[index].eligible =
                !excluded(node.url) && Double(node.files) >= ratio * Double(scope)
        }
        var knapsack = Knapsack(tree: tree, budget: directoryBudget, target: target)
        let chosen = knapsack.solve()
        var coveredFiles = [Int: [Int]]()
        let chosenSet = Set(chosen)
        for (position, deepest) in tree.deepest.enumerated() {
            var node = deepest
            while node >= 0 {
                if chosenSet.contains(node) {
                    coveredFiles[node, default: []].append(position)
                    break
                }
                node = tree.nodes[node].parent
            }
        }
        return chosen.map { index in
            Chosen(url: String(tree.nodes[index].url), files: coveredFiles[index] ?? [], scope: tree.nodes[index].scope)
        }
        .filter { !$0.files.isEmpty }
        .sorted { $0.files[0] < $1.files[0] }
    }
}

extension DirectoryChoice {
    /// The directories above the files, each with the files beneath it; domain roots are not nodes.
    struct Tree {
        struct Node {
            var url: Substring
            var parent: Int
            var children: [Int] = []
            /// Files beneath it.
            var files = 0
            /// Of those, the files the inputs read.
            var readFiles = 0
            var scope = 0
            var eligible = false
        }

        var nodes: [Node] = []
        /// Top-level directories (children of a domain root), in order of their best file.
        var roots: [Int] = []
        /// For each file, its deepest directory node (or -1 for a file at a domain root).
        var deepest: [Int] = []

        /// Builds the tree; nodes with fewer than `minimum` files beneath are kept (their counts are needed for
        /// their parents) but never chosen.
        ///
        /// Directories are found by a 64-bit hash of their bytes and confirmed by comparing them, as the candidate
        /// store does; a `Substring`-keyed dictionary cost a tenth of reading the logs.
        init(files: [File], minimum: Int) {
            var numbers = HashedTable<UInt32>()
            /// Directories whose hash an earlier, different directory already took (practically never).
            var collided: [Substring: Int] = [:]
            deepest.reserveCapacity(files.count)
            for file in files {
                var parent = -1
                var url = file.url
                url.withUTF8 { bytes in
                    var depth = 0
                    CanonicalURL.forEachAncestorDirectory(in: bytes) { length in
                        defer { depth += 1 }
                        guard depth > 0 else { return }  // the domain root is never a node
                        let prefix = UnsafeBufferPointer(rebasing: bytes[..<length])
                        let key = URLHash.hash(UnsafeRawBufferPointer(prefix))
                        let number: Int
                        let found = numbers.value(for: key).map(Int.init)
                        if let existing = found, Self.bytes(of: nodes[existing].url, equal: prefix) {
                            number = existing
                        } else if found != nil, let existing = collided[Self.directory(file.url, length)] {
                            number = existing
                        } else {
                            number = nodes.count
                            let directory = Self.directory(file.url, length)
                            if found == nil {
                                _ = numbers.findOrInsert(key, initial: UInt32(number))
                            } else {
                                collided[directory] = number
                            }
                            nodes.append(Node(url: directory, parent: parent))
                            if parent >= 0 { nodes[parent].children.append(number) } else { roots.append(number) }
                        }
                        nodes[number].files += 1
                        if file.wasRead { nodes[number].readFiles += 1 }
                        parent = number
                    }
                }
                deepest.append(parent)
            }
        }

        /// Whether `directory` holds exactly `bytes`.
        private static func bytes(of directory: Substring, equal bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var directory = directory
            return directory.withUTF8 { CanonicalURL.equal($0, bytes) }
        }

        /// The first `length` bytes of `url`.
        private static func directory(_ url: String, _ length: Int) -> Substring {
            url[..<url.utf8.index(url.utf8.startIndex, offsetBy: length)]
        }
    }
}
