/// The order in which entries first appeared: the backlog first, then each input in order, line by line.
package struct Appearance: Sendable, Hashable, Comparable {
    /// 0 for the backlog, `i + 1` for input `i`.
    package var group: Int
    /// Position within the group.
    package var ordinal: Int

    package init(group: Int, ordinal: Int) {
        self.group = group
        self.ordinal = ordinal
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.group, lhs.ordinal) < (rhs.group, rhs.ordinal)
    }
}
