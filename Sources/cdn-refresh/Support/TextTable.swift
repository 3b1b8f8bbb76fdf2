/// Plain aligned columns for terminal output (tab-separated when not on a terminal, for `cut` and `awk`).
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        guard StandardError.outputIsTerminal else {
            return ([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n")
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
