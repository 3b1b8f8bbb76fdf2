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

    /// How good a choice is: files covered (capped at the target), then scope, then count.
    struct Score: Equatable {
        var covered: Int
        var scope: Int
        var count: Int

        static let none = Score(covered: 0, scope: 0, count: 0)

        func isBetter(than other: Score) -> Bool {
            if covered != other.covered { return covered > other.covered }
            if scope != other.scope { return scope < other.scope }
            return count < other.count
        }

        func adding(_ other: Score, cap: Int) -> Score {
            Score(covered: min(cap, covered + other.covered), scope: scope + other.scope, count: count + other.count)
        }
    }

    /// The tree knapsack: for each node, `best[k]` is the best choice beneath it (itself included) with at most
    /// `k` directories.
    struct Knapsack {
        /// How a node's table was made: the merge of its children, one split per child and `k`, and whether the
        /// node itself beats the merge at each `k`.
        struct Table {
            var best: [Score]
            /// `splits[i][k]`: directories given to the children before child `i` and to child `i`.
            var splits: [[(before: Int, child: Int)]]
            var takesSelf: [Bool]
        }

        let tree: Tree
        let budget: Int
        let target: Int
        var tables: [Int: Table] = [:]

        init(tree: Tree, budget: Int, target: Int) {
            self.tree = tree
            self.budget = budget
            self.target = target
        }

        /// The chosen nodes.
        mutating func solve() -> [Int] {
            let roots = tree.roots.filter(useful)
            for node in postOrder(roots) { tables[node] = table(of: node) }
            let top = merge(roots)
            var chosen: [Int] = []
            var k = top.best.count - 1
            for position in stride(from: roots.count - 1, through: 0, by: -1) {
                let split = top.splits[position][k]
                collect(roots[position], k: split.child, into: &chosen)
                k = split.before
            }
            return chosen
        }

        private func postOrder(_ roots: [Int]) -> [Int] {
            var order: [Int] = []
            var stack: [(node: Int, expanded: Bool)] = roots.reversed().map { ($0, false) }
            while let (node, expanded) = stack.popLast() {
                if expanded {
                    order.append(node)
                    continue
                }
                stack.append((node, true))
                for child in tree.nodes[node].children.reversed() where useful(child) {
                    stack.append((child, false))
                }
            }
            return order
        }

        /// Whether anything beneath `node` can be chosen: a node needs files, and its descendants have no more.
        private func useful(_ node: Int) -> Bool {
            tree.nodes[node].scope > 0
        }

        private func table(of node: Int) -> Table {
            let children = tree.nodes[node].children.filter(useful)
            var table = merge(children)
            let details = tree.nodes[node]
            table.takesSelf = Array(repeating: false, count: table.best.count)
            guard details.eligible else { return table }
            let own = Score(covered: min(target, details.files), scope: details.scope, count: 1)
            if table.best.count < 2 {
                table.best.append(table.best[0])
                table.splits = table.splits.map { $0 + [$0.last ?? (0, 0)] }
                table.takesSelf.append(false)
            }
            for k in 1..<table.best.count where own.isBetter(than: table.best[k]) {
                table.best[k] = own
                table.takesSelf[k] = true
            }
            return table
        }

        /// The best choices among the subtrees of `children`, with at most `k` directories for each `k`.
        private func merge(_ children: [Int]) -> Table {
            var best = [Score.none]
            var splits: [[(before: Int, child: Int)]] = []
            for child in children {
                let childBest = tables[child]!.best
                let size = min(budget, best.count - 1 + childBest.count - 1) + 1
                var exact = [Score?](repeating: nil, count: size)
                var choice = [(before: Int, child: Int)](repeating: (0, 0), count: size)
                for before in best.indices {
                    // Ascending: on a tie, the later child (lower-ranked files) takes the directories.
                    for given in childBest.indices where before + given < size {
                        let score = best[before].adding(childBest[given], cap: target)
                        if let current = exact[before + given], !score.isBetter(than: current),
                            !(score == current && given > choice[before + given].child)
                        {
                            continue
                        }
                        exact[before + given] = score
                        choice[before + given] = (before, given)
                    }
                }
                // At most k: a larger k may always use fewer.
                var merged = [Score](repeating: .none, count: size)
                for k in 0..<size {
                    merged[k] = exact[k] ?? .none
                    if k > 0 && !merged[k].isBetter(than: merged[k - 1]) {
                        merged[k] = merged[k - 1]
                        choice[k] = choice[k - 1]
                    }
                }
                best = merged
                splits.append(choice)
            }
            return Table(best: best, splits: splits, takesSelf: [])
        }

        private func collect(_ node: Int, k: Int, into chosen: inout [Int]) {
            guard k > 0, let table = tables[node] else { return }
            let k = min(k, table.best.count - 1)
            if table.takesSelf[k] {
                chosen.append(node)
                return
            }
            let children = tree.nodes[node].children.filter(useful)
            var remaining = k
            for position in stride(from: children.count - 1, through: 0, by: -1) {
                let split = table.splits[position][remaining]
                collect(children[position], k: split.child, into: &chosen)
                remaining = split.before
            }
        }
    }
}
