/// SLS's search syntax, as far as queries of real-time CDN logs use it, turned into an SQLite condition: `*`,
/// `field: value`, `field >= 500` (and `>`, `<`, `<=`, `=`), `field in [500 599]`, `and`, `or`, `not`, parentheses.
///
/// `field: value` matches text without regard to case, as SLS's text index does; comparisons and ranges compare
/// numbers (`in [a b]` includes both ends). A field must be a real-time log field; values are bound as parameters,
/// never pasted into the SQL.
enum SLSSearch {
    /// An SQLite condition and its arguments.
    struct Condition: Sendable, Equatable {
        var sql: String
        var arguments: [Argument]
    }

    /// A value bound to a condition: text, or a number compared as one.
    enum Argument: Sendable, Equatable, CustomStringConvertible {
        case text(String)
        case number(Double)

        var description: String {
            switch self {
            case .text(let text): "'\(text)'"
            case .number(let number): String(number)
            }
        }
    }

    /// Why a search cannot be run (`ParameterInvalid`).
    struct Invalid: Error, Equatable {
        var message: String
    }

    static func parse(_ text: String) throws(Invalid) -> Condition {
        var parser = Parser(tokens: try tokenize(text))
        let condition = try parser.expression()
        guard parser.atEnd else { throw Invalid(message: "unexpected '\(parser.peek ?? "")' in the search '\(text)'") }
        return condition
    }

    private static func tokenize(_ text: String) throws(Invalid) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for character in text {
            if quoted {
                current.append(character)
                if character == "\"" {
                    quoted = false
                    flush()
                }
                continue
            }
            switch character {
            case " ", "\t", "\n": flush()
            case "(", ")", "[", "]", ":":
                flush()
                tokens.append(String(character))
            case "\"":
                flush()
                current = "\""
                quoted = true
            case ">", "<", "=":
                if let last = current.last, last == ">" || last == "<" {
                    current.append(character)
                    flush()
                } else {
                    flush()
                    current = String(character)
                    if character == "=" { flush() }
                }
            default:
                if let last = current.last, last == ">" || last == "<" { flush() }
                current.append(character)
            }
        }
        guard !quoted else { throw Invalid(message: "an unterminated quote in the search '\(text)'") }
        flush()
        return tokens
    }

    private struct Parser {
        var tokens: [String]
        var index = 0

        var atEnd: Bool { index >= tokens.count }
        var peek: String? { atEnd ? nil : tokens[index] }

        mutating func next() -> String? {
            defer { index += 1 }
            return peek
        }

        mutating func expect(_ token: String) throws(Invalid) {
            guard next() == token else { throw Invalid(message: "expected '\(token)' in the search") }
        }

        mutating func expression() throws(Invalid) -> Condition {
            var left = try term()
            while peek?.lowercased() == "or" {
                _ = next()
                let right = try term()
                left = Condition(sql: "(\(left.sql)) OR (\(right.sql))", arguments: left.arguments + right.arguments)
            }
            return left
        }

        mutating func term() throws(Invalid) -> Condition {
            var left = try factor()
            while let token = peek?.lowercased(), token == "and" || token == "not" {
                if token == "and" { _ = next() }
                let right = try factor()
                left = Condition(sql: "(\(left.sql)) AND (\(right.sql))", arguments: left.arguments + right.arguments)
            }
            return left
        }

        mutating func factor() throws(Invalid) -> Condition {
            guard let token = next() else { throw Invalid(message: "the search ends too early") }
            switch token.lowercased() {
            case "not":
                let inner = try factor()
                return Condition(sql: "NOT (\(inner.sql))", arguments: inner.arguments)
            case "(":
                let inner = try expression()
                try expect(")")
                return inner
            case "*":
                return Condition(sql: "1", arguments: [])
            default:
                return try comparison(field: token)
            }
        }

        mutating func comparison(field: String) throws(Invalid) -> Condition {
            guard SLSRecordStore.fields.contains(field) else {
                throw Invalid(message: "'\(field)' is not a field of the logstore")
            }
            let column = "\"\(field)\""
            switch next()?.lowercased() {
            case ":":
                guard let value = next() else { throw Invalid(message: "'\(field):' needs a value") }
                return Condition(sql: "\(column) = ? COLLATE NOCASE", arguments: [.text(Self.unquoted(value))])
            case "in":
                try expect("[")
                guard let low = next().flatMap(Double.init), let high = next().flatMap(Double.init) else {
                    throw Invalid(message: "'\(field) in [a b]' takes two numbers")
                }
                try expect("]")
                return Condition(
                    sql: "CAST(\(column) AS REAL) BETWEEN ? AND ?", arguments: [.number(low), .number(high)])
            case let op? where [">", ">=", "<", "<=", "="].contains(op):
                guard let value = next().flatMap(Double.init) else {
                    throw Invalid(message: "'\(field) \(op)' takes a number")
                }
                return Condition(sql: "CAST(\(column) AS REAL) \(op) ?", arguments: [.number(value)])
            default:
                throw Invalid(message: "expected ':', 'in' or a comparison after '\(field)'")
            }
        }

        static func unquoted(_ value: String) -> String {
            value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"")
                ? String(value.dropFirst().dropLast()) : value
        }
    }
}
