/// `DescribeRefreshQuota` answer: daily quota and what remains, per type (strings or numbers on the wire).
package struct RefreshQuotaResponse: Sendable, Equatable, Decodable {
    package var urlQuota: Int
    package var urlRemain: Int
    package var directoryQuota: Int
    package var directoryRemain: Int
    package var regexQuota: Int
    package var regexRemain: Int
    package var ignoreParamsQuota: Int
    package var ignoreParamsRemain: Int
    package var preloadQuota: Int
    package var preloadRemain: Int
    package var requestID: String

    package init(
        urlQuota: Int, urlRemain: Int, directoryQuota: Int, directoryRemain: Int, regexQuota: Int,
        regexRemain: Int, ignoreParamsQuota: Int, ignoreParamsRemain: Int, preloadQuota: Int, preloadRemain: Int,
        requestID: String
    ) {
        self.urlQuota = urlQuota
        self.urlRemain = urlRemain
        self.directoryQuota = directoryQuota
        self.directoryRemain = directoryRemain
        self.regexQuota = regexQuota
        self.regexRemain = regexRemain
        self.ignoreParamsQuota = ignoreParamsQuota
        self.ignoreParamsRemain = ignoreParamsRemain
        self.preloadQuota = preloadQuota
        self.preloadRemain = preloadRemain
        self.requestID = requestID
    }

    /// Decodes with field names matched regardless of case; a missing number is 0, a missing `UrlRemain` an
    /// error (the answer is useless without it).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        guard let urlRemain = try container.flexibleInt("UrlRemain") else {
            throw DecodingError.keyNotFound(
                AnyCodingKey(stringValue: "UrlRemain"),
                .init(codingPath: [], debugDescription: "DescribeRefreshQuota answer has no UrlRemain"))
        }
        self.urlRemain = urlRemain
        urlQuota = try container.flexibleInt("UrlQuota") ?? 0
        directoryQuota = try container.flexibleInt("DirQuota") ?? 0
        directoryRemain = try container.flexibleInt("DirRemain") ?? 0
        regexQuota = try container.flexibleInt("RegexQuota") ?? 0
        regexRemain = try container.flexibleInt("RegexRemain") ?? 0
        ignoreParamsQuota = try container.flexibleInt("IgnoreParamsQuota") ?? 0
        ignoreParamsRemain = try container.flexibleInt("IgnoreParamsRemain") ?? 0
        preloadQuota = try container.flexibleInt("PreloadQuota") ?? 0
        preloadRemain = try container.flexibleInt("PreloadRemain") ?? 0
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}
