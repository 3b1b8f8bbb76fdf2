import Foundation

/// An STS answer: `{"Credentials": {...}}`.
struct STSAnswer: Decodable {
    var credentials: TemporaryKeys

    enum CodingKeys: String, CodingKey { case credentials = "Credentials" }
}
