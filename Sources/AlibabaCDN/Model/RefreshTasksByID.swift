/// `DescribeRefreshTaskById` answer: a flat `Tasks` array.
package struct RefreshTasksByID: Sendable, Equatable, Decodable {
    package var tasks: [RefreshTask]
    package var totalCount: Int
    package var requestID: String

    package init(tasks: [RefreshTask], totalCount: Int, requestID: String) {
        self.tasks = tasks
        self.totalCount = totalCount
        self.requestID = requestID
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        if let key = container.allKeys.first(where: { $0.stringValue == "Tasks" }) {
            tasks = try container.decode([RefreshTask].self, forKey: key)
        } else {
            tasks = []
        }
        totalCount = try container.flexibleInt("TotalCount") ?? tasks.count
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}
