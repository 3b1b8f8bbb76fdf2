/// Decodes a JSON value that Alibaba sends as a string in one version and a number in another.
struct FlexibleString: Decodable, Sendable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if container.decodeNil() {
            value = ""
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string or a number")
        }
    }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// The value under `name`, matched without regard to case, as a string; `nil` if absent.
    func flexibleString(_ name: String) throws -> String? {
        guard let key = allKeys.first(where: { $0.stringValue.lowercased() == name.lowercased() }) else {
            return nil
        }
        return try decode(FlexibleString.self, forKey: key).value
    }

    /// The value under `name` as an integer; `nil` if absent or not a whole number.
    func flexibleInt(_ name: String) throws -> Int? {
        try flexibleString(name).flatMap { Int($0) }
    }
}
