extension LineFailure {
    /// A line that is not a valid line of `format`.
    static func malformed(_ format: ConcreteFormat, _ detail: String) -> LineFailure {
        LineFailure(code: "MalformedLine", message: "not a valid \(format.rawValue) line: \(detail)")
    }
}
