/// An input line (or an entry of it) that could not be used; it becomes an `invalid` report row.
package struct InvalidLine: Sendable, Equatable {
    package var source: EntrySource
    /// The offending text: the entry's URL field, or the whole line when it did not parse (shortened).
    package var text: String
    /// The entry's type, when the line said or implied one.
    package var type: EntryType?
    package var failure: LineFailure

    package init(source: EntrySource, text: String, type: EntryType?, failure: LineFailure) {
        self.source = source
        self.text = text
        self.type = type
        self.failure = failure
    }

    /// The longest text kept for a report cell.
    static let maxTextLength = 512

    /// Makes the report text from raw bytes: lossy UTF-8, shortened to ``maxTextLength`` characters.
    static func text(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(maxTextLength * 4), as: UTF8.self)
        guard text.count > maxTextLength else { return text }
        return String(text.prefix(maxTextLength)) + "…"
    }
}
