/// The report rows of a plan, made on demand in report order (see ``ReportRow/planRows(for:inputNames:)``).
package struct PlanRows: Sequence, Sendable {
    let plan: Plan
    let inputNames: [String]

    package func makeIterator() -> Iterator {
        Iterator(plan: plan, inputNames: inputNames)
    }

    /// Walks the plan's lists in report order: planned entries by batch, then deferred, covered and invalid.
    package struct Iterator: IteratorProtocol {
        private enum Section { case planned, deferred, covered, invalid, done }

        private let plan: Plan
        private let inputNames: [String]
        private var section = Section.planned
        private var batch = 0
        private var index = 0

        init(plan: Plan, inputNames: [String]) {
            self.plan = plan
            self.inputNames = inputNames
        }

        package mutating func next() -> ReportRow? {
            while true {
                switch section {
                case .planned:
                    guard batch < plan.batches.count else {
                        advance(to: .deferred)
                        continue
                    }
                    let entries = plan.batches[batch].entries
                    guard index < entries.count else {
                        batch += 1
                        index = 0
                        continue
                    }
                    index += 1
                    return ReportRow(
                        candidate: entries[index - 1], status: .planned, batch: plan.batches[batch].number,
                        inputNames: inputNames)
                case .deferred:
                    guard index < plan.deferred.count else {
                        advance(to: .covered)
                        continue
                    }
                    index += 1
                    let candidate = plan.deferred[index - 1]
                    if candidate.isCarriedOverUntouched { continue }
                    return ReportRow(candidate: candidate, status: .deferred, inputNames: inputNames)
                case .covered:
                    guard index < plan.covered.count else {
                        advance(to: .invalid)
                        continue
                    }
                    index += 1
                    return ReportRow(candidate: plan.covered[index - 1], status: .covered, inputNames: inputNames)
                case .invalid:
                    guard index < plan.invalid.count else {
                        advance(to: .done)
                        continue
                    }
                    index += 1
                    return ReportRow(invalid: plan.invalid[index - 1], inputNames: inputNames)
                case .done:
                    return nil
                }
            }
        }

        private mutating func advance(to next: Section) {
            section = next
            index = 0
        }
    }
}
