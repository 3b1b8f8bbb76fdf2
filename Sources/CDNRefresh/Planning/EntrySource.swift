/// Where an entry or an invalid line came from.
public enum EntrySource: Sendable, Hashable {
    /// Line `line` (1-based) of input number `input` (0-based, in command-line order).
    case line(input: Int, line: Int)
    /// A source recorded earlier (a backlog entry keeps the `file:line` of the run that first saw it).
    case recorded(String)

    /// The report's `source` cell: `file:line` with the input's name as given.
    public func text(inputNames: [String]) -> String {
        switch self {
        case .line(let input, let line):
            var text = input < inputNames.count ? inputNames[input] : "input" + String(input + 1)
            text.append(":")
            text.append(String(line))
            return text
        case .recorded(let text):
            return text
        }
    }
}

/// The order in which entries first appeared: the backlog first, then each input in order, line by line.
public struct Appearance: Sendable, Hashable, Comparable {
    /// 0 for the backlog, `i + 1` for input `i`.
    public var group: Int
    /// Position within the group.
    public var ordinal: Int

    public init(group: Int, ordinal: Int) {
        self.group = group
        self.ordinal = ordinal
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.group, lhs.ordinal) < (rhs.group, rhs.ordinal)
    }
}
