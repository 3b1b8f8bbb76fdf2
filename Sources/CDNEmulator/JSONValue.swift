import Foundation

/// A minimal JSON value, written by `JSONEncoder` with sorted keys (as every JSON the tool writes), so answers are
/// byte-for-byte repeatable.
enum JSONValue: Sendable, Equatable, Encodable {
    case string(String)
    case number(Int)
    case array([JSONValue])
    case object([String: JSONValue])

    func serialized() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(self))) ?? Array("{}".utf8)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
