extension LineFailure {
    /// A line longer than the reader accepts.
    static let tooLong = LineFailure(
        code: "LineTooLong",
        message: "the line is longer than \(LineSplitter.defaultMaxLineLength) bytes and was skipped")

    /// The last line of a damaged input.
    static let cutOff = LineFailure(
        code: "IncompleteLine",
        message: "the last line was cut off where the input is damaged")
}
