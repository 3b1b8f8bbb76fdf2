import Foundation

/// `DescribeCdnDomainLogs` answer: one page of a domain's offline logs, nested as
/// `DomainLogDetails.DomainLogDetail[].LogInfos.LogInfoDetail[]`, with `PageInfos` (`PageIndex`, `PageSize`,
/// `Total`).
///
/// Numbers may come as strings or numbers; an absent list is an empty page, not an error.
package struct DomainLogsPage: Sendable, Equatable, Decodable {
    package var logs: [DomainLogFile]
    package var pageIndex: Int
    package var pageSize: Int
    /// Files in all pages.
    package var total: Int

    package init(logs: [DomainLogFile], pageIndex: Int, pageSize: Int, total: Int) {
        self.logs = logs
        self.pageIndex = pageIndex
        self.pageSize = pageSize
        self.total = total
    }

    package init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: AnyCodingKey.self)
        var logs: [DomainLogFile] = []
        var pageIndex: Int?
        var pageSize: Int?
        var total: Int?
        if let details = try Self.list(root, "DomainLogDetails", "DomainLogDetail") {
            for detail in details {
                let fields = try detail.container(keyedBy: AnyCodingKey.self)
                for info in try Self.list(fields, "LogInfos", "LogInfoDetail") ?? [] {
                    logs.append(try Self.file(info.container(keyedBy: AnyCodingKey.self)))
                }
                if let key = fields.allKeys.first(where: { $0.stringValue == "PageInfos" }) {
                    let page = try fields.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
                    pageIndex = try page.flexibleInt("PageIndex") ?? pageIndex
                    pageSize = try page.flexibleInt("PageSize") ?? pageSize
                    total = try page.flexibleInt("Total") ?? total
                }
            }
        }
        self.logs = logs
        self.pageIndex = pageIndex ?? 1
        self.pageSize = pageSize ?? logs.count
        self.total = total ?? logs.count
    }

    /// The decoders of `outer.inner[]`, or `nil` when `outer` is absent.
    private static func list(_ container: KeyedDecodingContainer<AnyCodingKey>, _ outer: String, _ inner: String)
        throws -> [any Decoder]?
    {
        guard let key = container.allKeys.first(where: { $0.stringValue == outer }) else { return nil }
        let nested = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
        guard let listKey = nested.allKeys.first(where: { $0.stringValue == inner }) else { return [] }
        var items = try nested.nestedUnkeyedContainer(forKey: listKey)
        var decoders: [any Decoder] = []
        while !items.isAtEnd { decoders.append(try items.superDecoder()) }
        return decoders
    }

    private static func file(_ fields: KeyedDecodingContainer<AnyCodingKey>) throws -> DomainLogFile {
        DomainLogFile(
            name: try fields.flexibleString("LogName") ?? "", path: try fields.flexibleString("LogPath") ?? "",
            size: Int64(try fields.flexibleString("LogSize") ?? "") ?? 0,
            start: try fields.flexibleString("StartTime").flatMap(APITimestamp.parse),
            end: try fields.flexibleString("EndTime").flatMap(APITimestamp.parse))
    }
}
