extension DirectoryChoice {
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
