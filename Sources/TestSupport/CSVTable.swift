/// Parses a CSV report (RFC 4180) into rows of named cells, for assertions.
package struct CSVTable: Sendable {
    package var header: [String]
    package var rows: [[String: String]]

    package init(_ text: String) {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var iterator = Array(text)[...]
        while let character = iterator.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if iterator.first == "\"" {
                        field.append("\"")
                        iterator.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        let names = records.first ?? []
        header = names
        rows = records.dropFirst().map { values in
            var row: [String: String] = [:]
            for (index, name) in names.enumerated() where index < values.count { row[name] = values[index] }
            return row
        }
    }

    /// Rows whose `status` is `status`.
    package func rows(status: String) -> [[String: String]] {
        rows.filter { $0["status"] == status }
    }
}
