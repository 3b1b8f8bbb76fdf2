import Foundation

/// The SQL part of an SLS query, made ready for SQLite: a `FROM log` where SLS lets it be left out, and its `LIMIT`
/// taken off and checked against SLS's bounds (a result without `LIMIT` has 100 rows; `LIMIT x` allows x up to
/// 1,000,000; `LIMIT y, x` allows x up to 10,000 with y + x up to 1,000,000).
struct SLSStatement: Equatable {
    /// The statement, with its `FROM`, without its `LIMIT`.
    var sql: String
    var offset: Int
    var count: Int

    static func parse(_ text: String) throws(SLSSearch.Invalid) -> SLSStatement {
        var sql = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard sql.lowercased().hasPrefix("select "), !sql.contains(";") else {
            throw SLSSearch.Invalid(message: "the SQL part must be one select statement: '\(text)'")
        }
        var offset = 0
        var count = 100
        if let limit = clause("limit", in: sql) {
            let numbers = sql[sql.index(limit, offsetBy: 5)...].split(separator: ",").map {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            switch numbers.count {
            case 1 where numbers[0] != nil:
                count = numbers[0]!
                guard (0...1_000_000).contains(count) else {
                    throw SLSSearch.Invalid(message: "LIMIT x allows x up to 1000000")
                }
            case 2 where numbers[0] != nil && numbers[1] != nil:
                offset = numbers[0]!
                count = numbers[1]!
                guard offset >= 0, (0...10_000).contains(count), offset + count <= 1_000_000 else {
                    throw SLSSearch.Invalid(message: "LIMIT y, x allows x up to 10000 and y + x up to 1000000")
                }
            default:
                throw SLSSearch.Invalid(message: "LIMIT takes x, or y, x")
            }
            sql = String(sql[..<limit])
        }
        if clause("from", in: sql) == nil {
            let first = ["where", "group by", "having", "order by"].compactMap { clause($0, in: sql) }.min()
            if let first {
                sql = String(sql[..<first]) + "from log " + sql[first...]
            } else {
                sql += " from log"
            }
        }
        return SLSStatement(sql: sql, offset: offset, count: count)
    }

    /// Where `keyword` (`group by`) starts in `sql`, outside quotes and parentheses, as a whole word.
    static func clause(_ keyword: String, in sql: String) -> String.Index? {
        var depth = 0
        var quote: Character?
        var index = sql.startIndex
        let lowered = Array(sql.lowercased())
        let words = Array(keyword)
        var position = 0
        while index < sql.endIndex {
            let character = lowered[position]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if depth == 0, position + words.count <= lowered.count,
                Array(lowered[position..<(position + words.count)]) == words,
                position == 0 || !(lowered[position - 1].isLetter || lowered[position - 1] == "_"),
                position + words.count == lowered.count
                    || !(lowered[position + words.count].isLetter || lowered[position + words.count] == "_")
            {
                return index
            }
            index = sql.index(after: index)
            position += 1
        }
        return nil
    }
}
