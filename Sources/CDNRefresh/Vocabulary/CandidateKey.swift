/// The identity of an entry: its canonical URL and type.
package struct CandidateKey: Sendable, Hashable {
    package var url: String
    package var type: EntryType

    package init(url: String, type: EntryType) {
        self.url = url
        self.type = type
    }
}
