import Foundation

/// An STS error body.
struct STSFailure: Decodable {
    var code: String?

    enum CodingKeys: String, CodingKey { case code = "Code" }
}
