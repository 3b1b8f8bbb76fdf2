/// Why one input line could not be used; it becomes an `invalid` report row.
package struct LineFailure: Error, Sendable, Equatable {
    /// A short machine-readable code for the report's `error_code` column.
    package var code: String
    /// A message a user can act on, for the report's `error_message` column.
    package var message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    static func malformed(_ format: ConcreteFormat, _ detail: String) -> LineFailure {
        LineFailure(code: "MalformedLine", message: "not a valid \(format.rawValue) line: \(detail)")
    }

    static let tooLong = LineFailure(
        code: "LineTooLong",
        message: "the line is longer than \(LineReader.defaultMaxLineLength) bytes and was skipped")

    static let cutOff = LineFailure(
        code: "IncompleteLine",
        message: "the last line was cut off where the input is damaged")

    static func normalization(_ error: NormalizationError) -> LineFailure {
        LineFailure(code: error.code, message: error.description)
    }
}
