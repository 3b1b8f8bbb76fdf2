/// The JSON body of a failed API call.
package struct APIErrorBody: Sendable, Equatable, Codable {
    package var code: String
    package var message: String
    package var requestID: String
    package var hostID: String
    package var recommend: String

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case message = "Message"
        case requestID = "RequestId"
        case hostID = "HostId"
        case recommend = "Recommend"
    }

    package init(code: String, message: String, requestID: String = "", hostID: String = "", recommend: String = "") {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.hostID = hostID
        self.recommend = recommend
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        code = try container.flexibleString("Code") ?? ""
        message = try container.flexibleString("Message") ?? ""
        requestID = try container.flexibleString("RequestId") ?? ""
        hostID = try container.flexibleString("HostId") ?? ""
        recommend = try container.flexibleString("Recommend") ?? ""
    }
}
