/// Parses manifest lines: `URL[<TAB>type[<TAB>priority]]`.
///
/// Blank lines and `#` comments are skipped (the parser returns `nil`). An unknown type or a priority that is
/// not an integer makes the line invalid rather than guessing.
enum ManifestParser {
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<ManifestEntry, LineFailure>? {
        var start = 0
        while start < line.count, URLByte.isSpace(line[start]) { start += 1 }
        if start == line.count || line[start] == 0x23 { return nil }

        var fields: [Range<Int>] = []
        var fieldStart = 0
        for i in 0..<line.count where line[i] == 0x09 {
            fields.append(fieldStart..<i)
            fieldStart = i + 1
            if fields.count == 3 { break }
        }
        if fields.count < 3 { fields.append(fieldStart..<line.count) }

        func text(_ range: Range<Int>) -> String {
            String(decoding: line[range], as: UTF8.self).trimmingSpaces()
        }
        var entry = ManifestEntry(url: fields[0])
        if fields.count > 1 {
            let typeText = text(fields[1])
            if !typeText.isEmpty {
                guard let type = EntryType(field: typeText) else {
                    return .failure(Self.unknownType(typeText))
                }
                entry.type = type
            }
        }
        if fields.count > 2 {
            let priorityText = text(fields[2])
            if !priorityText.isEmpty {
                guard let priority = Int(priorityText) else {
                    return .failure(Self.badPriority(priorityText))
                }
                entry.priority = priority
            }
        }
        return .success(entry)
    }

    static func unknownType(_ text: String) -> LineFailure {
        LineFailure(
            code: "InvalidType",
            message: "unknown type '\(text)'; use file, directory (or dir), regex or ignoreparams")
    }

    static func badPriority(_ text: String) -> LineFailure {
        LineFailure(code: "InvalidPriority", message: "priority '\(text)' is not an integer")
    }
}
