/// Reads a manifest written as RFC 4180 CSV whose header names a `url` column (optionally `type`, `priority`).
///
/// Each record must fit on one line: a quoted field that does not close on its line makes the line invalid.
struct CSVManifestParser: Sendable {
    let urlColumn: Int
    let typeColumn: Int?
    let priorityColumn: Int?

    /// Recognises a header line; `nil` when the line is not a CSV header with a `url` column.
    init?(header line: UnsafeBufferPointer<UInt8>) {
        guard let names = Self.fields(line)?.map({ $0.trimmingSpaces().lowercased() }),
            let url = names.firstIndex(of: "url"),
            names.allSatisfy({ name in name.utf8.allSatisfy { Self.isHeaderByte($0) } })
        else { return nil }
        self.urlColumn = url
        self.typeColumn = names.firstIndex(of: "type")
        self.priorityColumn = names.firstIndex(of: "priority")
    }

    /// Parses a data line into the entry's URL text, type and priority; `nil` for blank and `#` lines.
    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<
        (url: String, type: EntryType?, priority: Int?), LineFailure
    >? {
        var start = 0
        while start < line.count, URLByte.isSpace(line[start]) { start += 1 }
        if start == line.count || line[start] == 0x23 { return nil }
        guard let fields = Self.fields(line) else {
            return .failure(
                LineFailure(
                    code: "MalformedLine",
                    message: "not a valid CSV record: a quoted field is not closed on its line"))
        }
        func field(_ index: Int?) -> String {
            guard let index, index < fields.count else { return "" }
            return fields[index].trimmingSpaces()
        }
        var type: EntryType?
        let typeText = field(typeColumn)
        if !typeText.isEmpty {
            guard let parsed = EntryType(field: typeText) else { return .failure(ManifestParser.unknownType(typeText)) }
            type = parsed
        }
        var priority: Int?
        let priorityText = field(priorityColumn)
        if !priorityText.isEmpty {
            guard let parsed = Int(priorityText) else { return .failure(ManifestParser.badPriority(priorityText)) }
            priority = parsed
        }
        return .success((field(urlColumn), type, priority))
    }

    /// Header names are words (`url`, `type`, `priority`, `note` …): a URL line is never mistaken for a header.
    private static func isHeaderByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F || b == 0x2D || b == 0x20
    }

    /// Splits one CSV line into unquoted fields; `nil` if a quoted field is not closed.
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String]? {
        var fields: [String] = []
        var current: [UInt8] = []
        var i = 0
        var inQuotes = false
        var fieldStarted = false
        while i < line.count {
            let b = line[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < line.count, line[i + 1] == 0x22 {
                        current.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(b)
                }
            } else if b == 0x2C {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                fieldStarted = false
            } else if b == 0x22 && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else {
                if !URLByte.isSpace(b) { fieldStarted = true }
                current.append(b)
            }
            i += 1
        }
        if inQuotes { return nil }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}
