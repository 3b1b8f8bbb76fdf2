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
}
