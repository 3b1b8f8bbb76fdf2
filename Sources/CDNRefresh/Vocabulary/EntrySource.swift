/// Where an entry or an invalid line came from.
package enum EntrySource: Sendable, Hashable {
    /// Line `line` (1-based) of input number `input` (0-based, in command-line order).
    case line(input: Int, line: Int)
    /// A source recorded earlier (a backlog entry keeps the `file:line` of the run that first saw it).
    case recorded(String)

    /// The report's `source` cell: `file:line` with the input's name as given.
    package func text(inputNames: [String]) -> String {
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
