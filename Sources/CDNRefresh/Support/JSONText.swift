import Foundation

/// The one way the tool writes JSON: `JSONEncoder` with sorted keys and slashes as they are, so the same value
/// always gives the same text (`--summary json`, `--json`, the journal's run summaries).
package enum JSONText {
    /// `value` as one line of JSON.
    package static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes `text`, or `nil` when it is not a `T`.
    package static func decode<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
